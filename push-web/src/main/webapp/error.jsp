<%-- The page of every unexpected error, whatever the depth of the URL that failed: its links start at the
     application's context path, which only the server knows, so this is a JSP and not a static page. It uses no
     Faces, which may be what failed. --%>
<%@ page contentType="text/html; charset=UTF-8" session="false" %>
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>spdypush · something went wrong</title>
    <link rel="stylesheet" href="${pageContext.request.contextPath}/jakarta.faces.resource/push.css.xhtml">
</head>
<body>
<main>
    <h1>Something went wrong</h1>
    <p>The server could not show this page. The server's log says why, with the time of this request. Go back to
        the <a href="${pageContext.request.contextPath}/index.xhtml">dashboard</a>; if a form had expired (after a
        long pause, or a restart of the server), send it again from there.</p>
</main>
</body>
</html>
