package io.spdypush.ejb.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two members of a real Hazelcast grid on loopback, of a cluster name of their own, found by TCP/IP as Payara's
 * {@code --clustermode tcpip} finds them, and two threads for the work the grid hands over; started before a test
 * class's tests and stopped after them ({@code @RegisterExtension static final TwoNodeGrid grid = ...}).
 */
final class TwoNodeGrid implements BeforeAllCallback, AfterAllCallback {

    HazelcastInstance first;
    HazelcastInstance second;
    ExecutorService executor;

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = "spdypush-test-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(config(name));
        second = Hazelcast.newHazelcastInstance(config(name));
        executor = Executors.newFixedThreadPool(2);
    }

    private static Config config(String clusterName) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(15701).setPortAutoIncrement(true).getInterfaces().setEnabled(true)
                .addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:15701").addMember("127.0.0.1:15702");
        return config;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        second.shutdown();
        first.shutdown();
        executor.shutdownNow();
    }
}
