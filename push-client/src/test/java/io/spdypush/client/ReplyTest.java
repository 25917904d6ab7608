package io.spdypush.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The server's answer read the same from SPDY/3, HTTP/2 and HTTP/1.1 (§2, §3, §10). */
class ReplyTest {

    @Test
    void readsASpdyHeaderBlockWithoutItsPseudoHeaders() {
        SpdySynReplyFrame frame = new DefaultSpdySynReplyFrame(1);
        frame.headers().set(":status", "200 OK").set(":version", "HTTP/1.1").set("push-session", "s-1")
                .add("link", "</a.css>; rel=preload").add("link", "</b.js>; rel=preload");

        Reply reply = Reply.of(frame.headers());

        assertThat(reply.status(), is(200));
        assertThat(reply.headers().keySet(), contains("push-session", "link"));
        assertThat(reply.header("link"), is("</a.css>; rel=preload, </b.js>; rel=preload"));
    }

    @Test
    void readsAnHttp2HeaderBlockTheSameWay() {
        Reply reply = Reply.of(new DefaultHttp2Headers().status("503").set("retry-after", "30"));

        assertThat(reply.status(), is(503));
        assertThat(reply.headers().keySet(), contains("retry-after"));
        assertThat(reply.longHeader("retry-after"), is(OptionalLong.of(30)));
    }

    @Test
    void readsAnHttp11ResponseWithLowercaseNamesAndWithoutItsConnectionHeaders() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set("Content-Type", "text/html").set("Transfer-Encoding", "chunked")
                .set("Connection", "close").set("Push-Subresources", "/a.css");

        Reply reply = Reply.of(response);

        assertThat(reply.status(), is(200));
        assertThat(reply.headers().keySet(), contains("content-type", "push-subresources"));
        assertThat(reply.header("push-subresources"), is("/a.css"));
    }

    @Test
    void aStatusThatIsNoNumberIsNone() {
        assertThat(Reply.of(new DefaultHttp2Headers().status("fine")).status(), is(Reply.NO_STATUS));
        assertThat(Reply.of(new DefaultHttp2Headers()).status(), is(Reply.NO_STATUS));
    }

    @Test
    void aNumberHeaderThatIsNegativeOrNoNumberIsAbsent() {
        Reply reply = Reply.of(new DefaultHttp2Headers().status("200").set("push-ack", "-1").set("push-heartbeat", "x"));

        assertThat(reply.longHeader("push-ack"), is(OptionalLong.empty()));
        assertThat(reply.longHeader("push-heartbeat"), is(OptionalLong.empty()));
        assertThat(reply.longHeader("retry-after"), is(OptionalLong.empty()));
    }
}
