package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalInt;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.AuthenticationException;
import javax.naming.AuthenticationNotSupportedException;
import javax.naming.NameNotFoundException;
import javax.naming.NoPermissionException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * Fetches a CRL or certificate from an {@code ldap://host/DN?attribute?base?filter} URL with the JDK's
 * LDAP client: an object-scope search for the {@code ;binary} attribute, under connect and read
 * timeouts, bound anonymously. {@code ldap:///DN} names no host (a domain controller of the
 * client's own domain, read with the machine's credentials), and Active Directory refuses anonymous
 * searches: both end in {@code not-fetched} "needs domain credentials", never {@code unsupported}.
 * Binding with the server's own Kerberos credentials (GSSAPI through SSPI) is not done yet.
 */
final class LdapFetcher {

    /** The format's outcome for a URL deliberately not fetched; {@code error} says why. */

    NetworkFetch fetch(FetchRequest request, long remainingMillis) {
        long start = System.nanoTime();
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            return HttpFetcher.result(request, FetchOutcome.UNSUPPORTED, OptionalInt.empty(), 0, Optional.empty(),
                    "not a valid LDAP URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return HttpFetcher.result(request, FetchOutcome.NOT_FETCHED, OptionalInt.empty(), 0, Optional.empty(),
                    "needs domain credentials: ldap:///... names no server, so it is read from a domain controller of "
                            + "the computer's own domain with the computer's credentials, as CryptoAPI does on the NDES "
                            + "server; check it there with certutil -verify -urlfetch <certificate>");
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
                return HttpFetcher.result(request, FetchOutcome.ERROR, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                        "no entry " + dn);
            }
            Attribute value = results.next().getAttributes().get(attribute);
            Object bytes = value == null ? null : value.get();
            if (!(bytes instanceof byte[] b)) {
                return HttpFetcher.result(request, FetchOutcome.ERROR, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                        "the entry has no " + attribute + " value");
            }
            return HttpFetcher.result(request, FetchOutcome.OK, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.of(Blob.of(b)), null);
        } catch (NoPermissionException | AuthenticationException | AuthenticationNotSupportedException e) {
            return needsCredentials(request, start, e);
        } catch (NameNotFoundException e) {
            return HttpFetcher.result(request, FetchOutcome.ERROR, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                    "no such LDAP entry: " + dn);
        } catch (CommunicationException e) {
            Exception cause = e.getRootCause() instanceof Exception c ? c : e;
            return HttpFetcher.failure(request, cause, HttpFetcher.elapsed(start));
        } catch (NamingException e) {
            String m = String.valueOf(e.getMessage());
            if (refusesAnonymous(m)) {
                return needsCredentials(request, start, e);
            }
            FetchOutcome outcome = m.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? FetchOutcome.TIMEOUT : FetchOutcome.ERROR;
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

    /**
     * Whether an LDAP error says the search needs a bound (authenticated) connection. Active
     * Directory limits anonymous users to rootDSE searches (MS-ADTS 5.1.3,
     * https://learn.microsoft.com/openspecs/windows_protocols/ms-adts/; dsHeuristics fLDAPBlockAnonOps)
     * and answers operationsError (1) with {@code 000004DC ... a successful bind must be completed};
     * other servers answer insufficientAccessRights (50), which JNDI raises as NoPermissionException.
     */
    static boolean refusesAnonymous(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("000004dc") || m.contains("successful bind must be completed") || m.contains("error code 50")
                || m.contains("authentication required");
    }

    private static NetworkFetch needsCredentials(FetchRequest request, long start, NamingException e) {
        return HttpFetcher.result(request, FetchOutcome.NOT_FETCHED, OptionalInt.empty(), HttpFetcher.elapsed(start), Optional.empty(),
                "needs domain credentials: the directory refused an anonymous search (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); the NDES server reads it with the computer's credentials; check it there with "
                        + "certutil -verify -urlfetch <certificate>");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
