package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void isAGetWithoutBodyUnlessToldOtherwise() {
        Request request = Request.to("/index.html");

        assertThat(request.method(), is("GET"));
        assertThat(request.hasBody(), is(false));
        assertThat(request.contentType(), is(nullValue()));
        assertThat(request.headers(), is(Map.of()));
    }

    @Test
    void eachStepReturnsANewRequest() {
        Request get = Request.to("/orders");

        Request post = get.method("POST").text("hi").header("X-Trace", "1");

        assertThat(get.method(), is("GET"));
        assertThat(post.method(), is("POST"));
        assertThat(post.contentType(), is("text/plain; charset=utf-8"));
        assertThat(post.bodyLength(), is(2));
        assertThat("header names are lowercased", post.headers(), is(Map.of("x-trace", "1")));
    }

    @Test
    void refusesHeadersTheClientWritesItself() {
        for (String name : new String[] {":path", "Content-Length", "content-type", "push-have", "connection",
                "host"}) {
            assertThrows(IllegalArgumentException.class, () -> Request.to("/").header(name, "x"), name);
        }
    }

    @Test
    void refusesAPathThatIsNotAbsoluteOrHasSpaces() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Request.to("index.html")).getMessage(),
                containsString("must start with /"));
        assertThrows(IllegalArgumentException.class, () -> Request.to("/a b"));
    }

    @Test
    void refusesABodyWithoutContentType() {
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> new Request("POST", "/", Map.of(), null, new byte[] {1})).getMessage(),
                containsString("needs a content type"));
    }
}
