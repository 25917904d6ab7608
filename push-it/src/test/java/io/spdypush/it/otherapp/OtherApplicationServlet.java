package io.spdypush.it.otherapp;

import io.spdypush.api.Delivery;
import io.spdypush.api.PushMessage;
import io.spdypush.api.PushSender;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * An application of its own, deployed beside ours: it reaches PushService by its portable JNDI
 * name and pushes to the client named in the request, answering with the status and the seq.
 * It bundles no push-api: the types come from the adapter, shared by every application (on
 * Payara Server, from the domain's lib).
 */
@WebServlet("/push")
public class OtherApplicationServlet extends HttpServlet {

    /** The name on Payara Micro; the WAR's web.xml may name another (the EAR's, on Payara Server). */
    @EJB(name = "pushService", lookup = "java:global/push/PushService!io.spdypush.api.PushSender")
    private PushSender push;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Delivery delivery = push.send(PushMessage.to(request.getParameter("client")).text("from another app")).get(0);
        response.setContentType("text/plain");
        response.getWriter().print(delivery.status() + " " + delivery.seq());
    }
}
