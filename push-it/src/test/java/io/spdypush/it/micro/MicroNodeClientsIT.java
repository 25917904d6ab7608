package io.spdypush.it.micro;

import io.spdypush.it.Layout;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clients without a SPDY stack against the Micro pair (docs/PROTOCOL.md §10), each a {@code node --test} file run
 * with the server's addresses: Node's built-in http2 module, and the project's JavaScript client
 * ({@code push-client-js}) over fetch. Skipped where there is no {@code node}.
 */
@ExtendWith(ArquillianExtension.class)
class MicroNodeClientsIT {

    private static final long NODE_SECONDS = 120;

    @ArquillianResource
    private URL webBase;

    @Deployment(testable = false)
    static WebArchive microWar() {
        return Layout.pushWar();
    }

    @Test
    void nodesOwnHttp2ModuleHoldsAPushStreamAcknowledgesGetsPushesAndResumes() throws Exception {
        runNodeTest(new File("src/test/node/http2-interop.test.js"));
    }

    /** All of the client's tests: its own (against a peer in the test) and the one against this server. */
    @Test
    void theJavaScriptClientReceivesAcknowledgesResumesAndAsksForABundle() throws Exception {
        runNodeTest(new File("../push-client-js/test"));
    }

    private void runNodeTest(File test) throws IOException, InterruptedException {
        assumeTrue(nodeRuns(), "node is not installed: the Node clients' tests are skipped");
        String base = webBase.toExternalForm();
        File log = File.createTempFile("node-test", ".log", new File("target"));
        ProcessBuilder node = new ProcessBuilder("node", "--test", test.getPath()).redirectErrorStream(true)
                .redirectOutput(log);
        node.environment().putAll(Map.of(
                "SPDYPUSH_URL", "http://127.0.0.1:" + Layout.spdyPort(),
                "SPDYPUSH_API", (base.endsWith("/") ? base : base + "/") + "api",
                "SPDYPUSH_USER", "admin",
                "SPDYPUSH_PASSWORD", System.getProperty("it.adminPassword")));
        Process process = node.start();
        boolean ended = process.waitFor(NODE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat("node --test " + test + " ended within " + NODE_SECONDS + " s: " + output, ended, is(true));
        assertThat(output, process.exitValue(), is(0));
        assertThat("ran, not skipped: " + output, output, containsString("# skipped 0"));
    }

    private static boolean nodeRuns() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
