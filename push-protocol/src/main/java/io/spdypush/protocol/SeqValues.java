package io.spdypush.protocol;

/**
 * The seq values of the headers {@code push-ack} and {@code push-last-seq} (docs/PROTOCOL.md §2, §3.1): decimal
 * digits, 0 to 2^63 - 1, with spaces or tabs around them allowed as in any header value.
 */
public final class SeqValues {

    /** The most digits of a seq: 2^63 - 1 has 19. */
    private static final int MAX_DIGITS = 19;

    private SeqValues() {
    }

    /**
     * @throws IllegalArgumentException naming the header when {@code value} is absent, not decimal digits, or
     *                                  beyond 2^63 - 1
     */
    public static long parse(String header, String value) {
        String digits = value == null ? "" : withoutSpaces(value);
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(header + " must be a seq: decimal digits, 0 to 9223372036854775807");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(header + " must be a seq: decimal digits, 0 to 9223372036854775807");
        }
    }

    /** The value without the spaces and tabs (HTTP's optional whitespace) at its ends. */
    private static String withoutSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    /** The header value of {@code seq}. */
    public static String format(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("a seq is never negative: " + seq);
        }
        return Long.toString(seq);
    }
}
