package dev.lockstep.cli.serve;

/**
 * The run in progress, live: a little inline script asks {@code /api/status} every second and shows
 * the run's current step, its progress and its steps so far. Text is set through {@code
 * textContent}, never parsed as HTML.
 */
final class LivePage {
  private LivePage() {}

  static String render(String nonce) {
    return StatePages.page("Lockstep: run in progress", BODY, nonce, SCRIPT);
  }

  private static final String BODY =
      """
      <h1>Run in progress</h1>
      <p>Installed: <strong id="installed">…</strong>. <span id="updated" class="summary"></span></p>
      <div id="idle"><p>No run is in progress. <span id="last-run"></span></p></div>
      <div id="running" hidden>
      <dl class="facts">
      <dt>run</dt><dd id="run-id"></dd>
      <dt>kind</dt><dd id="run-kind"></dd>
      <dt>releases</dt><dd id="run-releases"></dd>
      <dt>current step</dt><dd id="current-step"></dd>
      <dt>progress</dt><dd><span id="steps-done"></span></dd>
      </dl>
      <progress id="progress" value="0" max="1"></progress>
      <p id="orphaned" class="warning" hidden>The Lockstep process of this run is gone:
      <code>lockstep resume</code> finishes it or rolls it back.</p>
      <h2>Steps so far</h2>
      <table><thead><tr><th>#</th><th>step</th><th>phase</th><th>status</th><th>detail</th></tr></thead>
      <tbody id="steps"></tbody></table>
      </div>
      """;

  private static final String SCRIPT =
      """
      (function () {
        'use strict';
        function el(id) { return document.getElementById(id); }
        function text(id, value) { el(id).textContent = value == null ? '' : String(value); }
        function show(status) {
          text('installed', status.installed || 'nothing yet');
          var progress = status.running;
          el('running').hidden = !progress;
          el('idle').hidden = !!progress;
          if (!progress) {
            var last = el('last-run');
            last.replaceChildren();
            if (status.lastRunId) {
              var link = document.createElement('a');
              link.href = '/runs/' + encodeURIComponent(status.lastRunId);
              link.textContent = 'Latest run: ' + status.lastRunId;
              last.appendChild(link);
            }
            return;
          }
          var run = progress.run;
          text('run-id', run.runId);
          text('run-kind', run.kind);
          text('run-releases', run.from ? run.from + ' → ' + run.to : run.to);
          text('current-step', progress.currentStep || 'starting');
          text('steps-done', progress.stepsDone + ' of ' + progress.stepsPlanned + ' steps done');
          el('progress').max = Math.max(progress.stepsPlanned, 1);
          el('progress').value = progress.stepsDone;
          el('orphaned').hidden = !progress.orphaned;
          var rows = el('steps');
          rows.replaceChildren();
          run.steps.forEach(function (step) {
            var row = document.createElement('tr');
            row.className = step.status;
            [step.seq, step.name, step.phase, step.status, step.detail].forEach(function (value) {
              var cell = document.createElement('td');
              cell.textContent = value == null ? '' : String(value);
              row.appendChild(cell);
            });
            rows.appendChild(row);
          });
        }
        function poll() {
          fetch('/api/status', { cache: 'no-store' })
            .then(function (response) {
              if (!response.ok) { throw new Error('HTTP ' + response.status); }
              return response.json();
            })
            .then(function (status) {
              show(status);
              text('updated', 'Updated ' + new Date().toLocaleTimeString() + '.');
            })
            .catch(function () {
              text('updated', 'lockstep serve does not answer; trying again every second.');
            });
        }
        poll();
        setInterval(poll, 1000);
      })();
      """;
}
