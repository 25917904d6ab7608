package io.spdypush.it.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import io.spdypush.ejb.PushService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * An application's CDI bean that gets PushService with {@code @Inject}, as itself and as its interface
 * PushSender, as the README says it may.
 */
@ApplicationScoped
public class InjectedSender {

    @Inject
    private PushService service;

    @Inject
    private PushSender sender;

    /** Sends through the injected PushService, or through the injected PushSender when {@code asSender}. */
    public List<Delivery> send(boolean asSender, String clientId, String messageId, String text) {
        PushMessage message = PushMessage.to(clientId).id(messageId).text(text);
        return asSender ? sender.send(message) : service.send(message);
    }
}
