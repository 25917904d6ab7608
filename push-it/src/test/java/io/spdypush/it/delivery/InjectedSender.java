package io.spdypush.it.delivery;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.ejb.PushService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** An application's CDI bean that gets PushService with {@code @Inject}, as the README says it may. */
@ApplicationScoped
public class InjectedSender {

    @Inject
    private PushService push;

    public List<Delivery> send(String clientId, String messageId, String text) {
        return push.send(PushMessage.to(clientId).id(messageId).text(text));
    }
}
