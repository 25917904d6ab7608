package io.spdypush.rar.spdy;

import io.netty.channel.epoll.EpollServerSocketChannel;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketIoTest {

    /** The native library is packed with the adapter for this platform, so every other test here runs on epoll. */
    @Test
    void onLinuxX8664TheListenerDrivesItsSocketsWithEpoll() {
        assumeTrue(isLinuxX8664(), "epoll's library is packed for Linux x86-64 only");
        SocketIo io = SocketIo.best();
        assertThat(io.name(), is("epoll"));
        assertEquals(EpollServerSocketChannel.class, io.serverChannel());
    }

    private static boolean isLinuxX8664() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
