package io.spdypush.web.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617, UTF-8). A header
 * that is not Basic is none; one that is but does not decode to {@code name:password} is a name and
 * password nobody has, so that it is answered, and counted, as a wrong login.
 */
record BasicCredentials(String name, char[] password) {

    private static final String SCHEME = "basic ";

    static Optional<BasicCredentials> of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException notBase64) {
            return Optional.of(new BasicCredentials("", new char[0]));
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            int colon = indexOf(text, ':');
            if (colon < 0) {
                return Optional.of(new BasicCredentials("", new char[0]));
            }
            char[] password = Arrays.copyOfRange(text.array(), text.position() + colon + 1, text.limit());
            String name = text.subSequence(0, colon).toString();
            Arrays.fill(text.array(), '\0');
            return Optional.of(new BasicCredentials(name, password));
        } catch (CharacterCodingException notUtf8) {
            return Optional.of(new BasicCredentials("", new char[0]));
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** Asks the guard, then forgets the password. */
    Login logIn(LoginGuard guard, String address) {
        try {
            return guard.logIn(name, password, address);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static int indexOf(CharBuffer text, char wanted) {
        for (int i = 0; i < text.remaining(); i++) {
            if (text.get(text.position() + i) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
