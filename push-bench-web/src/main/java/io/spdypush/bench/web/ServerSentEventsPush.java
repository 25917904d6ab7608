package io.spdypush.bench.web;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The Server-Sent Events alternative, behind {@link SendResource}: each message is an event with
 * {@code id: <seq>} and {@code data: <payload>}. Acknowledgements come back as HTTP requests, since
 * SSE has no way upstream.
 */
final class ServerSentEventsPush {

    record Sink(SseEventSink sink, Sse sse) {
    }

    static final Subscribers<Sink> SINKS = new Subscribers<>();

    private ServerSentEventsPush() {
    }

    static void listen(String clientId, SseEventSink sink, Sse sse) {
        Sink registered = new Sink(sink, sse);
        SINKS.put(clientId, registered);
        // A comment line first, so that the client sees the stream open before any message.
        sink.send(sse.newEventBuilder().comment("open").build());
    }

    static long send(String clientId, String payload) {
        Subscribers.Subscriber<Sink> subscriber = SINKS.get(clientId);
        if (subscriber == null) {
            return -1;
        }
        long seq = subscriber.seq().incrementAndGet();
        send(clientId, subscriber, seq, payload);
        return seq;
    }

    static int sendToEveryone(String payload) {
        return SINKS.forEach((id, subscriber) -> send(id, subscriber, subscriber.seq().incrementAndGet(), payload));
    }

    private static void send(String clientId, Subscribers.Subscriber<Sink> subscriber, long seq, String payload) {
        Sink sink = subscriber.session();
        if (sink.sink().isClosed()) {
            SINKS.remove(clientId, sink);
            return;
        }
        sink.sink().send(sink.sse().newEventBuilder().id(Long.toString(seq)).data(payload).build())
                .whenComplete((done, error) -> {
                    if (error != null) {
                        SINKS.remove(clientId, sink);
                    }
                });
    }
}
