package io.spdypush.it.otherapp;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * An application of its own, deployed beside ours: it injects PushSender (which its PushSenderProducer finds by
 * PushService's portable JNDI name) and pushes to the client named in the request, answering with the status and
 * the seq. It bundles no push-api: the types come from the adapter, shared by every application (on Payara
 * Server, from the domain's lib).
 */
@WebServlet("/push")
public class OtherApplicationServlet extends HttpServlet {

    @Inject
    private PushSender push;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Delivery delivery = push.send(PushMessage.to(request.getParameter("client")).text("from another app")).get(0);
        response.setContentType("text/plain");
        response.getWriter().print(delivery.status() + " " + delivery.seq());
    }
}
