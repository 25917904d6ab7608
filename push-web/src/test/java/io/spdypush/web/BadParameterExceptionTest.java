package io.spdypush.web;

import io.spdypush.protocol.ClientIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BadParameterExceptionTest {

    @Test
    void numbersAreReadWithinTheirRangeOrDefaulted() {
        assertThat(BadParameterException.number("limit", null, 100, 1, 1000), is(100L));
        assertThat(BadParameterException.number("limit", "", 100, 1, 1000), is(100L));
        assertThat(BadParameterException.number("limit", "7", 100, 1, 1000), is(7L));
    }

    @Test
    void aBadNumberNamesItsField() {
        BadParameterException negative = assertThrows(BadParameterException.class,
                () -> BadParameterException.number("ttl", "-1", 0, 1, 60));
        assertThat(negative.field(), is("ttl"));
        assertThat(negative.getMessage(), is("ttl -1 is out of range 1-60"));
        BadParameterException text = assertThrows(BadParameterException.class,
                () -> BadParameterException.number("offset", "ten", 0, 0, 60));
        assertThat(text.field(), is("offset"));
        assertThat(text.getMessage(), containsString("not a whole number"));
    }

    @Test
    void aRefusedStepIsTaggedWithTheField() {
        BadParameterException refused = assertThrows(BadParameterException.class,
                () -> BadParameterException.naming("clientId", () -> ClientIds.requireValid("has space")));
        assertThat(refused.field(), is("clientId"));
        assertThat(refused.getMessage(), containsString("client id"));
    }

    @Test
    void anUnknownNameIsRefusedNamingItAndWhatTheCallTakes() {
        BadParameterException.onlyKnown(List.of("ttl", "id"), List.of("id", "ttl"), "query parameter");
        BadParameterException unknown = assertThrows(BadParameterException.class,
                () -> BadParameterException.onlyKnown(List.of("id", "to"), List.of("id", "ttl"), "query parameter"));
        assertThat(unknown.field(), is("to"));
        assertThat(unknown.getMessage(), is("unknown query parameter \"to\"; this call takes id, ttl"));
    }
}
