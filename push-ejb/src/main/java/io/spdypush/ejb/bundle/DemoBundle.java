package io.spdypush.ejb.bundle;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The demo bundle (README, "Resource bundling"), {@code /demo/index.html} with a style sheet, a script and
 * an image (and what the style sheet imports), registered when {@code spdypush.demo} is true, as
 * the run command sets it, so a new user sees sub-resource push in the first minute.
 */
@Singleton
@Startup
public class DemoBundle {

    private static final Logger LOG = Logger.getLogger(DemoBundle.class.getName());
    private static final List<String> FILES = List.of("index.html", "style.css", "theme.css", "app.js", "logo.png");

    @Inject
    @ConfigProperty(name = "spdypush.demo", defaultValue = "false")
    boolean enabled;

    @EJB
    private ResourceBundler bundler;

    @PostConstruct
    void register() {
        if (!enabled) {
            return;
        }
        for (String file : FILES) {
            bundler.register(Resource.of("/demo/" + file, ContentTypes.ofFileName(file), read(file)));
        }
        LOG.info("Demo bundle registered: GET /demo/index.html on a normal stream pushes its sub-resources");
    }

    private static byte[] read(String file) {
        try (InputStream in = DemoBundle.class.getResourceAsStream("demo/" + file)) {
            if (in == null) {
                throw new IllegalStateException("demo file " + file + " is missing from push-ejb.jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
