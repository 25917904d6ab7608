package io.spdypush.web.security;

import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Puts {@link BasicLogin} in charge of push-web's requests when the module starts, and takes it away when it stops. */
@WebListener
public class BasicLoginRegistration implements ServletContextListener {

    @Inject
    LoginGuard guard;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        AuthConfigFactory.getFactory().registerServerAuthModule(new BasicLogin(guard), started.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        AuthConfigFactory.getFactory().removeServerAuthModule(stopped.getServletContext());
    }
}
