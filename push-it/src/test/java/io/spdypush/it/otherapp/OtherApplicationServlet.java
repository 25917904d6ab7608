package io.spdypush.it.otherapp;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;

import java.io.IOException;

/**
 * An application of its own, deployed beside ours: it injects PushSender (which its PushSenderProducer finds by
 * PushService's portable JNDI name) and pushes to the client named in the request, answering with the status and
 * the seq; inside a transaction of its own when asked, so that the message is handed over after its commit. It bundles no push-api: the types come from the adapter, shared by every application (on Payara
 * Server, from the domain's lib).
 */
@WebServlet("/push")
public class OtherApplicationServlet extends HttpServlet {

    @Inject
    private PushSender push;

    @Resource
    private UserTransaction transaction;

    /** With {@code transaction=true} the send is inside a transaction of this application's, committed after it. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PushMessage message = PushMessage.to(request.getParameter("client")).text("from another app");
        Delivery delivery;
        if (Boolean.parseBoolean(request.getParameter("transaction"))) {
            try {
                transaction.begin();
                delivery = push.send(message).get(0);
                transaction.commit();
            } catch (Exception e) {
                throw new IOException("the transaction failed: " + e, e);
            }
        } else {
            delivery = push.send(message).get(0);
        }
        response.setContentType("text/plain");
        response.getWriter().print(delivery.status() + " " + delivery.seq());
    }
}
