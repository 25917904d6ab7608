package io.spdypush.client;

import io.spdypush.codec.DecodedPacket;
import io.spdypush.codec.PacketFormatException;
import io.spdypush.codec.PushPacketDecoder;
import io.spdypush.protocol.PushHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session's push stream (docs/PROTOCOL.md §2): asks for it, reads the server's answer, and turns its body into
 * messages for the listener, whatever the transport. Used on the connection's event loop only.
 */
final class PushStream {

    private enum State { NOT_OPENED, OPENING, OPEN, CLOSED }

    private static final Logger LOG = Logger.getLogger(PushStream.class.getName());

    private final ClientSettings settings;
    private final ResumePoint resume;
    private final CompletableFuture<PushSession> accepted;
    private final PushPacketDecoder decoder;
    private final AutoAck autoAck;
    private final Function<Request, CompletableFuture<Response>> requests;
    private State state = State.NOT_OPENED;
    private int streamId;
    private Transport transport;

    /**
     * @param resume   where the session starts, and what the listener has processed
     * @param accepted completed with the session when the server accepts the stream, failed when it does not
     * @param autoAck  told about every message the listener has processed; null when the application acks
     * @param requests how the accepted session sends business requests on this connection
     */
    PushStream(ClientSettings settings, ResumePoint resume, CompletableFuture<PushSession> accepted,
               ByteBufAllocator alloc, AutoAck autoAck, Function<Request, CompletableFuture<Response>> requests) {
        this.settings = settings;
        this.resume = resume;
        this.accepted = accepted;
        this.decoder = new PushPacketDecoder(alloc, settings.maxPayloadBytes());
        this.autoAck = autoAck;
        this.requests = requests;
    }

    /** The request that asks for the push stream, from the last seq. */
    Request request() {
        return ClientRequests.push(settings, resume.lastSeq());
    }

    /** The request went out on the given stream, over the transport ALPN (or the application) chose. */
    void opened(int streamId, Transport transport) {
        this.streamId = streamId;
        this.transport = transport;
        state = State.OPENING;
    }

    boolean is(int streamId) {
        return state != State.NOT_OPENED && this.streamId == streamId;
    }

    int streamId() {
        return streamId;
    }

    /** True while the stream is open in SPDY and HTTP/2 terms: asked for, and neither refused nor ended. */
    boolean isActive() {
        return state == State.OPENING || state == State.OPEN;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /**
     * Reads the server's answer: 200 that does not end the stream accepts it.
     *
     * @param last the answer ends the stream (SPDY's FLAG_FIN, HTTP/2's END_STREAM)
     * @return the accepted session
     * @throws PushRefusedException  the server refused it (the stream is over)
     * @throws PushProtocolException the answer breaks §2
     */
    PushSession onReply(Reply reply, boolean last) throws PushRefusedException, PushProtocolException {
        if (reply.status() != Reply.STATUS_OK) {
            PushRefusedException refused = new PushRefusedException("the push stream", reply.status(),
                    reply.longHeader(PushHeaders.RETRY_AFTER));
            close(refused);
            throw refused;
        }
        if (last) {
            throw new PushProtocolException("the server accepted the push stream with an answer that ends it");
        }
        String sessionId = reply.header(PushHeaders.PUSH_SESSION);
        OptionalLong heartbeat = reply.longHeader(PushHeaders.PUSH_HEARTBEAT);
        if (sessionId == null || sessionId.isEmpty()) {
            throw new PushProtocolException("the push stream's answer has no " + PushHeaders.PUSH_SESSION);
        }
        if (heartbeat.isEmpty() || heartbeat.getAsLong() < 1 || heartbeat.getAsLong() > Integer.MAX_VALUE) {
            throw new PushProtocolException("the push stream's answer has no valid " + PushHeaders.PUSH_HEARTBEAT
                    + " (a positive number of seconds)");
        }
        PushSession session = new PushSession(sessionId, new ServerAddress(settings.host(), settings.port()),
                (int) heartbeat.getAsLong(), transport, requests);
        state = State.OPEN;
        accepted.complete(session);
        return session;
    }

    /**
     * Decodes a chunk of the body and hands each whole message to the listener, in order. A message processed on an
     * earlier session, which the server sent again although {@code push-last-seq} told it not to, is dropped, so
     * that the listener sees each seq once. With auto-ack, a message is processed when the listener returns;
     * otherwise when the application's ack of it is confirmed.
     *
     * @throws PushProtocolException  the bytes break the packet format
     * @throws SessionClosedException the listener threw: the session must end so the message is redelivered
     */
    void onData(ByteBuf chunk) throws PushProtocolException, SessionClosedException {
        if (state != State.OPEN) {
            return;
        }
        decoder.add(chunk);
        ReceivedMessage message;
        while ((message = nextMessage()) != null) {
            if (resume.isProcessed(message.seq())) {
                LOG.log(Level.FINE, "dropping {0}: processed on an earlier session", message);
                if (autoAck != null) {
                    // Acknowledged again, so that a server that missed the first ack stops sending it.
                    autoAck.processed(message);
                }
                continue;
            }
            try {
                settings.listener().onMessage(message);
            } catch (RuntimeException e) {
                throw new SessionClosedException("the listener failed on message seq " + message.seq()
                        + "; closing the session so that it is redelivered", e);
            }
            if (autoAck != null) {
                resume.processed(message.seq());
                autoAck.processed(message);
            }
        }
    }

    private ReceivedMessage nextMessage() throws PushProtocolException {
        try {
            DecodedPacket packet = decoder.next();
            return packet == null ? null : new ReceivedMessage(packet.seq(), packet.redelivery(), packet.ackRequired(),
                    packet.meta(), packet.payload());
        } catch (PacketFormatException e) {
            throw new PushProtocolException(e.getMessage(), e);
        }
    }

    /** Ends the stream for good: fails a pending connect with the reason and frees buffered bytes. */
    void close(Exception reason) {
        state = State.CLOSED;
        accepted.completeExceptionally(reason);
        decoder.release();
    }
}
