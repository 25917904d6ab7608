package io.spdypush.ejb.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Makes a distributed object of the data grid on a thread that runs no part of the application. Payara gives each
 * distributed object made within an application that application's context (its "tenant"), and every operation on
 * the object's partitions, on every node, then enters it: a third of the CPU the grid's partition threads spent
 * while a dead node's clients were claimed. An object that holds only strings, and no listener that needs the
 * application's context, needs none. Payara then does not destroy it when the application is undeployed either, so
 * the application removes its own listeners from it.
 */
final class OutsideTheApplication {

    private OutsideTheApplication() {
    }

    static <T> T make(String what, Supplier<T> maker) {
        CompletableFuture<T> made = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                made.complete(maker.get());
            } catch (RuntimeException e) {
                made.completeExceptionally(e);
            }
        }, "spdypush-make-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return made.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the " + what, e);
        }
    }
}
