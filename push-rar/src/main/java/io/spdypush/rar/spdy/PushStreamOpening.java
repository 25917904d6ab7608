package io.spdypush.rar.spdy;

import io.netty.channel.Channel;
import io.spdypush.api.TakeoverThrottledException;
import io.spdypush.protocol.PushHeaders;
import io.spdypush.rar.token.TokenSigner;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens push streams, whatever the transport (docs/PROTOCOL.md §2, §10): checks the request and its token,
 * claims the client from its home in a cluster, keeps to the session limit and the takeover throttle, replaces
 * the client's older session and starts delivery. One per server.
 */
final class PushStreamOpening {

    private static final Logger LOG = Logger.getLogger(PushStreamOpening.class.getName());
    /** What a client refused because the server is full is told to wait before reconnecting. */
    private static final int SERVER_FULL_RETRY_AFTER_SECONDS = 30;
    /** What a client whose claim failed (the cluster or the database away) is told to wait before trying again. */
    private static final int CLAIM_RETRY_AFTER_SECONDS = 1;

    private final ServerContext context;

    PushStreamOpening(ServerContext context) {
        this.context = context;
    }

    /**
     * @param method  the request's method
     * @param headers the request's headers by lowercase name, null when absent
     */
    void open(Channel channel, String method, UnaryOperator<String> headers, PushStreamExchange exchange) {
        if (context.isStopping()) {
            exchange.refuse(503, context.retryAfterSeconds());
            return;
        }
        PushStreamRequest request;
        try {
            if (!"GET".equals(method)) {
                throw new PushStreamRequest.Malformed("the push stream's method must be GET");
            }
            request = PushStreamRequest.parse(headers);
        } catch (PushStreamRequest.Malformed e) {
            context.badInput().count(BadInputCounter.Kind.MALFORMED_PUSH_STREAM);
            LOG.log(Level.FINE, "Refused push stream from {0}: {1}", new Object[]{channel.remoteAddress(), e.getMessage()});
            exchange.refuse(400, null);
            return;
        }
        TokenSigner.Verdict verdict = context.checkToken(PushHeaders.bearerToken(headers.apply(PushHeaders.AUTHORIZATION)),
                request.clientId());
        if (verdict != TokenSigner.Verdict.VALID) {
            context.badInput().count(BadInputCounter.Kind.BAD_TOKEN);
            LOG.log(Level.FINE, "Refused push stream of client {0} from {1}: token {2}",
                    new Object[]{request.clientId(), channel.remoteAddress(), verdict});
            exchange.refuse(401, null);
            return;
        }
        ClientState client = context.client(request.clientId());
        if (client == null) {
            // Refused before the claim: a full node must not take a client from its home only to turn it away.
            if (!context.hasRoomForSession()) {
                refuseServerFull(channel, exchange);
                return;
            }
            claimThenOpen(channel, request, exchange);
            return;
        }
        open(channel, request, client, exchange);
    }

    /**
     * In a cluster, a client this node holds nothing for is first claimed from its home elsewhere (its outbox
     * follows it here, its session there ends), off the event loop; the push stream opens once that is done.
     */
    private void claimThenOpen(Channel channel, PushStreamRequest request, PushStreamExchange exchange) {
        context.claimStarted();
        context.claims().claim(request.clientId()).whenComplete((claimed, error) -> channel.eventLoop().execute(() -> {
            context.claimEnded();
            if (!exchange.isWaiting()) {
                return; // the stream was reset or the connection closed meanwhile
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof TakeoverThrottledException throttled) {
                refuseTakeover(channel, request, exchange, throttled.retryAfterSeconds());
                return;
            }
            ClientState client = error == null && !context.isStopping() ? context.client(request.clientId()) : null;
            if (client == null) {
                if (error != null) {
                    context.claimFailures().occurred(request.clientId() + ": " + cause);
                }
                exchange.refuse(503, CLAIM_RETRY_AFTER_SECONDS);
                return;
            }
            open(channel, request, client, exchange);
        }));
    }

    private void open(Channel channel, PushStreamRequest request, ClientState client, PushStreamExchange exchange) {
        if (client.session() == null && !context.hasRoomForSession()) {
            // A takeover replaces a session: only a session that adds one is refused when the server is full.
            client.release();
            refuseServerFull(channel, exchange);
            return;
        }
        if (client.session() == null && !context.pools().session().admitsNewWork()) {
            client.release(); // the pool logs the refusal, at most a line a minute
            exchange.refuse(503, SERVER_FULL_RETRY_AFTER_SECONDS);
            return;
        }
        if (client.session() != null) {
            long waitSeconds = client.takeoverWaitSeconds(System.nanoTime());
            if (waitSeconds > 0) {
                client.release();
                refuseTakeover(channel, request, exchange, waitSeconds);
                return;
            }
        }
        PushSession session = new PushSession(channel, exchange.transport(), UUID.randomUUID().toString(), client,
                request.topics(), context.pools().session(), context.events(), context.statistics());
        // Online before the reply goes out, so that a sender who hears of the session finds it; what is
        // sent meanwhile waits in the outbox until start() below, which runs after the reply on this loop.
        context.sessionStarted(session);
        PushSession replaced = client.attach(session);
        exchange.accept(session, context.config().heartbeatClient().toSeconds());
        if (replaced != null) {
            LOG.log(Level.FINE, "Session {0} of client {1} replaced by {2}",
                    new Object[]{replaced.sessionId(), client.clientId(), session.sessionId()});
            replaced.closeGracefully(SessionHandler.takeoverGrace(context.config()));
        }
        LOG.log(Level.FINE, "Session {0} of client {1} opened from {2} over {3}", new Object[]{session.sessionId(),
                client.clientId(), channel.remoteAddress(), session.transport().name()});
        session.start(request.lastSeq());
    }

    private void refuseTakeover(Channel channel, PushStreamRequest request, PushStreamExchange exchange,
                                long waitSeconds) {
        context.badInput().count(BadInputCounter.Kind.TAKEOVER_THROTTLED);
        LOG.log(Level.FINE, "Refused a push stream of client {0} from {1}: its session was taken over {2} times"
                + " within a minute", new Object[]{request.clientId(), channel.remoteAddress(), Takeovers.MAX});
        exchange.refuse(503, (int) waitSeconds);
    }

    private void refuseServerFull(Channel channel, PushStreamExchange exchange) {
        context.badInput().count(BadInputCounter.Kind.SERVER_FULL);
        context.serverFull().occurred(channel.remoteAddress());
        exchange.refuse(503, SERVER_FULL_RETRY_AFTER_SECONDS);
    }
}
