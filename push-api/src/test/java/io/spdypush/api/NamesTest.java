package io.spdypush.api;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Client ids and topic names follow PROTOCOL.md §2: 1-128 characters of a plain set. */
class NamesTest {

    @Test
    void clientIdsAreOneTo128LettersDigitsAndDotUnderscoreColonAtHyphen() {
        assertThat(ClientIds.isValid("device-42.a_b:c@d"), is(true));
        assertThat(ClientIds.isValid("x".repeat(128)), is(true));
        assertThat(ClientIds.isValid("x".repeat(129)), is(false));
        assertThat(ClientIds.isValid(""), is(false));
        assertThat(ClientIds.isValid(null), is(false));
        assertThat(ClientIds.isValid("a/b"), is(false));
        assertThat(ClientIds.isValid("a b"), is(false));
        assertThat(ClientIds.isValid("é"), is(false));
        assertThat(ClientIds.isValid("a,b"), is(false));
    }

    @Test
    void topicNamesMayAlsoHoldSlashesButNoCommasOrSpaces() {
        assertThat(Audience.Topic.isValidName("scores/football:live"), is(true));
        assertThat(Audience.Topic.isValidName("a,b"), is(false));
        assertThat(Audience.Topic.isValidName("a b"), is(false));
        assertThat(Audience.Topic.isValidName("Ω"), is(false));
        assertThat(Audience.Topic.isValidName("t".repeat(129)), is(false));
        assertThat(Audience.Topic.isValidName(null), is(false));
    }
}
