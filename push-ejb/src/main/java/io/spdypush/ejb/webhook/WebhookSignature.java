package io.spdypush.ejb.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How a webhook call is signed, so that its receiver knows it comes from this server and is recent: the header
 * {@value #SIGNATURE_HEADER} is {@code sha256=} and the hex HMAC-SHA256, keyed with the webhook's secret, of the
 * {@value #TIMESTAMP_HEADER} header's value (Unix seconds), a full stop, and the body's bytes. Signing the time
 * with the body lets a receiver refuse a call replayed later (README, "Webhooks").
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Spdypush-Signature";
    public static final String TIMESTAMP_HEADER = "X-Spdypush-Timestamp";
    private static final String SCHEME = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for this body sent at {@code timestamp}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code signature} is this body's at {@code timestamp}, compared in constant time. */
    public static boolean verify(String secret, long timestamp, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
