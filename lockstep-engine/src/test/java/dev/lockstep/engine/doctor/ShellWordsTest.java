package dev.lockstep.engine.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void programs_simpleCommand_isItsFirstWord() {
    assertThat(ShellWords.programs("systemctl stop codebolt")).containsExactly("systemctl");
  }

  @Test
  void programs_listsAndPipes_giveEachCommandsFirstWord() {
    assertThat(ShellWords.programs("docker pull x && touch .env; sed -i s/a/b/ f | sort -u"))
        .containsExactly("docker", "touch", "sed", "sort");
  }

  @Test
  void programs_assignmentsKeywordsAndExec_areSkipped() {
    assertThat(ShellWords.programs("if FOO=1 exec npm ci; then curl -f x; fi"))
        .containsExactly("npm", "curl");
  }

  @Test
  void programs_builtinsExpansionsAndPlaceholders_cannotBeJudged() {
    assertThat(ShellWords.programs("cd /srv && $TOOL run && {artifact} --check && test -f x"))
        .isEmpty();
  }

  @Test
  void programs_quotedSeparatorsAndRedirections_doNotSplit() {
    assertThat(ShellWords.programs("psql -c 'select 1; select 2' 2>&1 | grep -q '1|2'"))
        .containsExactly("psql", "grep");
  }

  @Test
  void programs_commandSubstitution_countsTheProgramsItRuns() {
    assertThat(ShellWords.programs("test \"$(cat f)\" = 0 && echo $(date +%s)"))
        .containsExactly("date");
  }
}
