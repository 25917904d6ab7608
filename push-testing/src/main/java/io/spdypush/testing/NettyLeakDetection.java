package io.spdypush.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails the test after which Netty reports a leaked buffer. Registered for every test through
 * JUnit's extension auto-detection, it installs its leak detector factory before any Netty
 * buffer class initialises, tracks every buffer (PARANOID), and after each test collects
 * garbage and lets Netty look for buffers that were never released.
 */
public final class NettyLeakDetection implements AfterEachCallback {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                      long maxActive) {
                ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
                detector.setLeakListener((type, records) -> LEAKS.add(type + " leaked:" + records));
                return detector;
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            // Netty reports collected-but-unreleased buffers when it tracks the next allocation.
            for (ByteBufAllocator allocator : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
                allocator.buffer(1).release();
                allocator.directBuffer(1).release();
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " Netty buffer leak(s) found after " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }
}
