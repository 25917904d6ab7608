package io.spdypush.bench.attack;

import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An authenticated session that sends one kind of cheap frame as fast as the connection takes them: PINGs,
 * or WINDOW_UPDATEs of one byte. When the server ends the session the attacker comes back as another
 * client, until the deadline.
 */
final class SessionFlood implements Attack {

    private final String name;
    private final String frames;
    private final String documented;
    private final String counted;
    private final Supplier<Supplier<SpdyFrame>> frameMaker;

    private SessionFlood(String name, String frames, String documented, String counted,
                         Supplier<Supplier<SpdyFrame>> frameMaker) {
        this.name = name;
        this.frames = frames;
        this.documented = documented;
        this.counted = counted;
        this.frameMaker = frameMaker;
    }

    static SessionFlood pings() {
        return new SessionFlood("PING flood", "PINGs", "GOAWAY PROTOCOL_ERROR once a second holds more PINGs than"
                + " maxFramesPerSecond (ping-flood); closed a second later", "ping-flood", () -> {
                    int[] nextId = {1};
                    return () -> {
                        int id = nextId[0];
                        nextId[0] += 2;
                        return new DefaultSpdyPingFrame(id);
                    };
                });
    }

    static SessionFlood windowUpdates() {
        return new SessionFlood("frame flood (WINDOW_UPDATE)", "WINDOW_UPDATEs of 1 byte on the session",
                "GOAWAY PROTOCOL_ERROR once a second holds more than twice maxFramesPerSecond frames (frame-flood);"
                        + " closed a second later", "frame-flood", () -> () -> new DefaultSpdyWindowUpdateFrame(0, 1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String does() {
        return "an authenticated session sends " + frames + " as fast as the connection takes them;"
                + " ended, it comes back as another client";
    }

    @Override
    public String documented() {
        return documented;
    }

    @Override
    public Set<String> countedAs() {
        return Set.of(counted);
    }

    @Override
    public Outcome run(Target target, long deadlineNanos) throws InterruptedException {
        int sessions = 0;
        int goAways = 0;
        long sent = 0;
        List<Double> closedAfter = new ArrayList<>();
        do {
            try (SpdyPeer peer = SpdyPeer.raw(target)) {
                sessions++;
                peer.openPushStream(target, "flooder-" + sessions);
                // Past the deadline too, until the server ends it: the attack is over when the session is.
                sent += peer.flood(frameMaker.get(),
                        Math.max(deadlineNanos, System.nanoTime() + target.refusalWait().toNanos()));
                if (peer.awaitClosed(target.refusalWait())) {
                    closedAfter.add(peer.secondsOpen());
                }
                if (peer.answers().stream().anyMatch(answer -> answer.kind().equals("GOAWAY")
                        && answer.status().equals("PROTOCOL_ERROR"))) {
                    goAways++;
                }
            }
        } while (System.nanoTime() < deadlineNanos);
        // A GOAWAY can be lost: the server closes right after writing it, and its close with the flood unread
        // is a TCP reset, which drops what the server had not sent yet.
        String lost = goAways < sessions ? ", the others' lost to the TCP reset of a close with the flood unread" : "";
        return new Outcome(String.format(Locale.ROOT, "%d %s sent on %d sessions, closed by the server after %s"
                        + " (%d not); GOAWAY PROTOCOL_ERROR read on %d%s", sent, frames.split(" ")[0], sessions,
                Outcome.spread(closedAfter), sessions - closedAfter.size(), goAways, lost),
                goAways > 0 && closedAfter.size() == sessions);
    }

    @Override
    public void close() {
        // Each session is closed when its turn ends.
    }
}
