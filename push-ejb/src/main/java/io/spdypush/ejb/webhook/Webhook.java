package io.spdypush.ejb.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * One registered HTTP endpoint and the events it wants.
 *
 * @param id         its id: the configured name for one from the configuration, a random id for one registered
 *                   through the REST API or the pages
 * @param url        where events are POSTed
 * @param secret     what signs them ({@link WebhookSignature})
 * @param events     the events it is sent
 * @param configured whether it comes from the configuration (it is then changed there, not through the API)
 */
public record Webhook(String id, URI url, String secret, Set<WebhookEventType> events, boolean configured) {

    static final int MAX_URL_LENGTH = 2048;
    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 256;
    private static final int GENERATED_SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Webhook {
        events = Set.copyOf(events);
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static URI url(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("url is required: the http or https URL events are posted to");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http or https URL with a host, not \""
                    + text.strip() + "\"");
        }
        if (url.getPort() > 65_535) {
            throw new IllegalArgumentException("url's port " + url.getPort() + " is out of range 1-65535");
        }
        return url;
    }

    /**
     * The secret given, or a new random one when none is.
     *
     * @throws IllegalArgumentException when the one given is too short, too long, or not printable ASCII
     */
    public static String secret(String given) {
        if (given == null || given.isEmpty()) {
            byte[] bytes = new byte[GENERATED_SECRET_BYTES];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        if (given.length() < MIN_SECRET_LENGTH || given.length() > MAX_SECRET_LENGTH
                || !given.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("secret must be " + MIN_SECRET_LENGTH + "-" + MAX_SECRET_LENGTH
                    + " printable ASCII characters without spaces (or left out, to have one made)");
        }
        return given;
    }
}
