package io.spdypush.bench.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The fuzzing section takes each target's latest run from the modules' records, and is absent without any. */
class FuzzRecordTest {

    @Test
    void eachTargetsLatestRunIsOneRowAndNoRecordIsNoSection(@TempDir Path repo) throws Exception {
        assertThat(FuzzRecord.markdown(repo).isPresent(), is(false));

        Path report = repo.resolve("push-rar/target/fuzz-report.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, """
                2026-12-05T05:00:00Z target=io.spdypush.rar.spdy.PushPipelineFuzzTest mode=fuzzing executions=100 seconds=15.0 findings=0
                2026-12-05T06:00:00Z target=io.spdypush.rar.spdy.PushPipelineFuzzTest mode=fuzzing executions=84211 seconds=15.1 findings=0
                not a record
                """);

        String section = FuzzRecord.markdown(repo).orElseThrow();

        assertThat(section, containsString("| push-rar | `PushPipelineFuzzTest` | fuzzing | 84211 | 15.1 | 0 |"));
        assertThat(section, not(containsString("| 100 |")));
    }
}
