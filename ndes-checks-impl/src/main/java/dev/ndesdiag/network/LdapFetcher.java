package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalInt;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * Fetches a CRL or certificate from an {@code ldap://host/DN?attribute?base?filter} URL with the JDK's
 * LDAP client: an object-scope search for the {@code ;binary} attribute, under connect and read
 * timeouts. {@code ldap:///DN} names no host (the client's own domain controller): it is
 * {@code unsupported} off-domain.
 */
final class LdapFetcher {

    NetworkFetch fetch(FetchRequest request, long remainingMillis) {
        long start = System.nanoTime();
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            return HttpFetcher.result(request, "unsupported", OptionalInt.empty(), 0, Optional.empty(),
                    "not a valid LDAP URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return HttpFetcher.result(request, "unsupported", OptionalInt.empty(), 0, Optional.empty(),
                    "the URL names no LDAP server (ldap:///...): only a member of the CA's domain can resolve it; "
                            + "fetch it on the NDES server itself");
        }
        String dn = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String[] query = uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("\\?", -1);
        String attribute = query.length > 0 && !query[0].isEmpty() ? decode(query[0]) : "certificateRevocationList";
        if (!attribute.toLowerCase(java.util.Locale.ROOT).endsWith(";binary")) {
            attribute = attribute + ";binary";
        }
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldap://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(Math.max(remainingMillis, 1)));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(Math.max(remainingMillis, 1)));
        env.put("java.naming.ldap.attributes.binary", attribute.replace(";binary", ""));
        InitialDirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            SearchControls controls = new SearchControls(SearchControls.OBJECT_SCOPE, 1, (int) Math.max(remainingMillis, 1),
                    new String[] {attribute}, false, false);
            NamingEnumeration<SearchResult> results = ctx.search(dn, "(objectClass=*)", controls);
            if (!results.hasMore()) {
                return HttpFetcher.result(request, "error", OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                        "no entry " + dn);
            }
            Attribute value = results.next().getAttributes().get(attribute);
            Object bytes = value == null ? null : value.get();
            if (!(bytes instanceof byte[] b)) {
                return HttpFetcher.result(request, "error", OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                        "the entry has no " + attribute + " value");
            }
            return HttpFetcher.result(request, "ok", OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.of(Blob.of(b)), null);
        } catch (NameNotFoundException e) {
            return HttpFetcher.result(request, "error", OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                    "no such LDAP entry: " + dn);
        } catch (CommunicationException e) {
            Exception cause = e.getRootCause() instanceof Exception c ? c : e;
            return HttpFetcher.failure(request, cause, HttpFetcher.elapsed(start));
        } catch (NamingException e) {
            String m = String.valueOf(e.getMessage());
            String outcome = m.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? "timeout" : "error";
            return HttpFetcher.result(request, outcome, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                    e.getClass().getSimpleName() + ": " + m);
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // nothing to add
                }
            }
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
