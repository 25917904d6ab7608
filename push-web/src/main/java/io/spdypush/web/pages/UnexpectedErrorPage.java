package io.spdypush.web.pages;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The page of every unexpected error (web.xml), the stack trace going only to the server's log. A servlet, not a
 * page: it uses no Faces, which may be what failed; its links start at the context path, so they work whatever the
 * depth of the URL that failed; and it answers any method, where a JSP answers a failed DELETE or PUT with 405.
 */
@WebServlet(UnexpectedErrorPage.PATH)
public class UnexpectedErrorPage extends HttpServlet {

    static final String PATH = "/unexpected-error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String root = request.getContextPath();
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                    <meta charset="utf-8">
                    <title>spdypush · something went wrong</title>
                    <link rel="stylesheet" href="%1$s/jakarta.faces.resource/push.css.xhtml">
                </head>
                <body>
                <main>
                    <h1>Something went wrong</h1>
                    <p>The server could not show this page. The server's log says why, with the time of this request.
                        Go back to the <a href="%1$s/index.xhtml">dashboard</a>; if a form had expired (after a long
                        pause, or a restart of the server), send it again from there.</p>
                </main>
                </body>
                </html>
                """.formatted(root));
    }
}
