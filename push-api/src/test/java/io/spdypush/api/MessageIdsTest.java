package io.spdypush.api;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class MessageIdsTest {

    @Test
    void idsAreVersion4UuidsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = MessageIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version(), is(4));
            assertThat(uuid.variant(), is(2));
            assertThat("unique", seen.add(id), is(true));
        }
    }

    @Test
    void aNewMessageGetsAFreshId() {
        assertThat(PushMessage.to("device-1").id().equals(PushMessage.to("device-1").id()), is(false));
    }
}
