package io.spdypush.bench.reliability;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityTest {

    @Test
    void assemblesEverySectionInNameOrderUnderAHeaderWithWhenWhereAndTheCommand(@TempDir Path sections)
            throws Exception {
        Files.writeString(sections.resolve("faults.md"), "## Faults\n\nkilled\n");
        Files.writeString(sections.resolve("attacks.md"), "## Attacks\n\nrefused\n");
        Files.writeString(sections.resolve("attacks.json"), "{}");

        String document = Reliability.assemble(sections, ZonedDateTime.of(2026, 12, 5, 6, 0, 0, 0, ZoneOffset.UTC),
                Map.of("cpu", "Some CPU", "cores", 2, "memTotal", "24 GB", "os", "Linux", "java", "OpenJDK 17"));

        assertThat(document, containsString("# Reliability"));
        assertThat(document, containsString("Assembled 2026-12-05 06:00 UTC on Some CPU (2 cores, 24 GB)"));
        assertThat(document, containsString(Reliability.COMMAND));
        assertThat(document.indexOf("## Attacks"), lessThan(document.indexOf("## Faults")));
        assertThat(document, not(containsString("{}")));
    }
}
