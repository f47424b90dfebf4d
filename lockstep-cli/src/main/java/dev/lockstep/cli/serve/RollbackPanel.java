package dev.lockstep.cli.serve;

import static dev.lockstep.cli.output.RunReportHtml.escape;

/**
 * The rollback offered on the page of the run that installed the current release, when {@code
 * lockstep serve} runs with {@code --allow-actions}: the operator types the run id to confirm and
 * pastes the token the server printed; nothing is sent before both are there.
 */
final class RollbackPanel {
  private RollbackPanel() {}

  static String render(String runId, String installed, String nonce) {
    return "<section id=\"rollback-action\" data-run=\""
        + escape(runId)
        + "\">\n<h2>Roll back</h2>\n<p class=\"warning\">This run installed "
        + escape(installed)
        + ", the release running now. Rolling it back is what <code>lockstep rollback</code>"
        + " does: it reverts the services, or restores this run's verified backup if a contract"
        + " migration ran. <code>lockstep rollback --dry-run</code> shows which, and the"
        + " data-loss window.</p>\n<p><label>Type the run id to confirm<input id=\"confirm-run\""
        + " autocomplete=\"off\" spellcheck=\"false\"></label><label>Token<input id=\"token\""
        + " type=\"password\" autocomplete=\"off\"></label><button id=\"rollback\" disabled>Roll"
        + " back run "
        + escape(runId)
        + "</button></p>\n<p id=\"action-result\" role=\"status\"></p>\n</section>\n"
        + "<script nonce=\""
        + nonce
        + "\">\n"
        + SCRIPT
        + "</script>\n";
  }

  private static final String SCRIPT =
      """
      (function () {
        'use strict';
        var panel = document.getElementById('rollback-action');
        var run = panel.dataset.run;
        var confirmRun = document.getElementById('confirm-run');
        var token = document.getElementById('token');
        var button = document.getElementById('rollback');
        var result = document.getElementById('action-result');
        function ready() {
          button.disabled = confirmRun.value.trim() !== run || token.value.trim() === '';
        }
        confirmRun.addEventListener('input', ready);
        token.addEventListener('input', ready);
        button.addEventListener('click', function () {
          button.disabled = true;
          result.textContent = 'Asking lockstep serve to roll back run ' + run + '…';
          fetch('/api/runs/' + encodeURIComponent(run) + '/rollback', {
            method: 'POST',
            headers: {
              'Authorization': 'Bearer ' + token.value.trim(),
              'X-Lockstep-Confirm': confirmRun.value.trim()
            }
          })
            .then(function (response) {
              return response.json().then(function (body) {
                return { status: response.status, body: body };
              });
            })
            .then(function (answer) {
              result.replaceChildren();
              if (answer.status === 202) {
                result.append('The rollback has started. ');
                var link = document.createElement('a');
                link.id = 'follow';
                link.href = '/live';
                link.textContent = 'Follow it live.';
                result.appendChild(link);
              } else {
                result.textContent = answer.body.error;
                ready();
              }
            })
            .catch(function (error) {
              result.textContent = 'lockstep serve did not answer: ' + error;
              ready();
            });
        });
      })();
      """;
}
