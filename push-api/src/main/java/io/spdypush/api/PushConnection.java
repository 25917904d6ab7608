package io.spdypush.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An application's handle on the push adapter. Handles are cheap: take one per unit of
 * work and close it, the server pools what sits behind.
 */
public interface PushConnection extends AutoCloseable {

    /**
     * Accepts a message for each client of its audience: each copy is given that client's
     * next seq and sent at once when the client is online, or kept in its outbox until the
     * client connects. A message to one client id waits for it while it is offline; a message
     * to a topic or to everyone goes to the sessions online now.
     *
     * @return what happened per recipient: accepted with its seq, or refused with the reason
     */
    List<Delivery> send(PushMessage message);

    /**
     * Hands a message to one client id back to the adapter after a restart, under the seq the adapter
     * gave it before (0 when that is not known, and it is sent as by {@link #send}). It keeps that seq
     * and goes out with the REDELIVERY flag (docs/PROTOCOL.md §2); a client whose acknowledgements or
     * {@code push-last-seq} already cover the seq does not get it again, and the adapter tells
     * {@code onAcknowledged} at once. Once the client was sent a newer message since the restart, it
     * gets a new seq instead, as its acknowledgements cover every seq below that one.
     *
     * @return what happened to it: accepted with its seq, or refused with the reason
     * @throws IllegalArgumentException when the message is not to one client id
     */
    Delivery sendAgain(PushMessage message, long seq);

    /**
     * A token (docs/PROTOCOL.md §7) with which the client may open its push stream until
     * {@code validFor} has passed.
     */
    String mintToken(String clientId, Duration validFor);

    /** What the adapter is doing right now, with its memory-pool figures. */
    AdapterStatus status();

    /**
     * The adapter's config properties as it runs with them, ordered by name: the values it started
     * with, after system properties and defaults, confidential ones hidden.
     */
    List<AdapterSetting> settings();

    /**
     * The sessions online whose client id starts with {@code clientIdPrefix} (empty: all), ordered
     * by client id, from {@code offset}, at most {@code limit}.
     */
    List<SessionInfo> sessions(String clientIdPrefix, int offset, int limit);

    /** The session of one client, when it is online. */
    Optional<SessionInfo> session(String clientId);

    /**
     * The topics with subscribers whose name starts with {@code namePrefix} (empty: all), ordered by
     * name, from {@code offset}, at most {@code limit}.
     */
    List<TopicInfo> topics(String namePrefix, int offset, int limit);

    /**
     * Ends the client's session with GOAWAY; its messages stay in its outbox.
     *
     * @return whether the client was online
     */
    boolean disconnect(String clientId);

    /**
     * Takes a message out of the client's outbox, so that it is not sent, or sent again, any more; a copy the
     * client received already stays with it.
     *
     * @return whether it was there: false once it is acknowledged, expired, replaced, or was never accepted
     */
    boolean cancel(String clientId, String messageId);

    /**
     * Makes this adapter a node of a cluster, in which each client id has one home: the node that holds its
     * outbox and its session. From now on a message to a client this adapter holds nothing for is answered
     * {@link Delivery.Status#NOT_HOME} instead of being kept, and before a session of such a client opens here
     * the bean activated with {@code clientClaims=true} is asked to make this node its home
     * ({@link PushListener#claimClients}), which ends with {@link #takeClient}.
     */
    void joinCluster();

    /**
     * Makes this adapter the client's home, taking what the previous home handed off ({@link #handOffClient}),
     * or nothing (null) when there was none or it is gone: then the client's new outbox numbers its messages
     * above {@code seqFloor}, at least, so that its seqs keep increasing (docs/PROTOCOL.md §2).
     */
    void takeClient(String clientId, byte[] handedOff, long seqFloor);

    /**
     * Stops being the client's home: ends its session here, as a takeover does, and hands off its outbox (the
     * messages not acknowledged, at-most-once ones included, and its seq counters) for {@link #takeClient} on the
     * new home. A client this adapter holds nothing for hands off only the seq counter.
     */
    byte[] handOffClient(String clientId);

    /**
     * As {@link #handOffClient}, because a session of the client is opening on another node: when the client is
     * online here, that is a takeover, and counts against its takeovers per minute (docs/PROTOCOL.md §2), which
     * go with the outbox to the new home. Past them nothing is handed off, the session here stays, and this throws
     * {@link TakeoverThrottledException}.
     */
    byte[] handOffClientForTakeover(String clientId);

    /**
     * Whether this adapter holds the client's state: a session, messages pending, or a claim that just took it. A
     * node of a cluster forgets the client's state once it is idle ({@link PushListener#clientsForgotten}).
     */
    boolean holdsClient(String clientId);

    /** The clients this adapter holds state for ({@link #holdsClient}). */
    List<String> heldClients();

    @Override
    void close();
}
