package io.spdypush.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A load-generator process: holds one {@link Fleet} of up to ~19 000 sessions (a process may hold at most
 * 20 000 open files here), connected from its own loopback source address, and obeys one command per line
 * on stdin, answering one line on stdout:
 *
 * <pre>
 * open PREFIX FROM COUNT       -> opened OK FAILED NANOS END_NANOS FIRST_ERROR
 * reset ACK_AFTER              -> reset
 * stats                        -> stats ONLINE MIN_RECEIVED MAX_RECEIVED NOT_ACKED REDELIVERED LAST_RECEIPT_NANOS
 * storm                        -> stormed OK FAILED NANOS END_NANOS FIRST_ERROR  (from the next storm address)
 * move SPDY_PORT               -> moved OK FAILED NANOS END_NANOS FIRST_ERROR  (every session to another node)
 * close                        -> closed (and the process exits)
 * </pre>
 *
 * Started by {@link Workers} as {@code java -cp push-bench.jar io.spdypush.bench.Worker TRANSPORT HOST
 * HTTP_PORT SPDY_PORT SECRET SOURCE_ADDRESS STORM_SOURCE_ADDRESS,...}: storm k reconnects from the k-th storm address
 * (see {@link Workers}), at most as many storms as addresses.
 */
public final class Worker {

    private Worker() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("worker", true),
                NioIoHandler.newFactory());
        Endpoints endpoints = new Endpoints(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                group);
        InetAddress local = InetAddress.getByName(args[5]);
        Iterator<String> stormFrom = List.of(args[6].split(",")).iterator();
        Fleet fleet = new Fleet(Transport.of(args[0], endpoints));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "open" -> out.println("opened " + opened(fleet.open(words[1], Integer.parseInt(words[2]),
                        Integer.parseInt(words[3]), local)));
                case "reset" -> {
                    fleet.reset(Integer.parseInt(words[1]));
                    out.println("reset");
                }
                case "stats" -> out.println("stats " + fleet.stats().line());
                case "storm" -> out.println(stormFrom.hasNext()
                        ? "stormed " + opened(fleet.dropAndResume(InetAddress.getByName(stormFrom.next())))
                        : "error no storm address left");
                case "move" -> out.println("moved " + opened(fleet.moveTo(Arrays.stream(words[1].split(","))
                        .map(port -> Transport.of(args[0], new Endpoints(args[1], Integer.parseInt(args[2]),
                                Integer.parseInt(port), args[4], group))).toList(), local)));
                case "close" -> {
                    fleet.closeAll();
                    group.shutdownGracefully().awaitUninterruptibly(5_000);
                    out.println("closed");
                    return;
                }
                default -> out.println("error unknown command " + words[0]);
            }
        }
        fleet.closeAll();
    }

    private static String opened(Fleet.Opened opened) {
        String error = opened.firstError() == null ? "-" : opened.firstError().replace('\n', ' ');
        return opened.ok() + " " + opened.failed() + " " + opened.nanos() + " " + System.nanoTime() + " " + error;
    }
}
