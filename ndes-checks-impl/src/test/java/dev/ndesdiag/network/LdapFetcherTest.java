package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.net.InetAddress;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A directory on 127.0.0.1 that, like Active Directory, refuses anonymous searches: the CRL is
 * "not fetched: needs domain credentials", not an error that reads as an unreachable CDP.
 */
class LdapFetcherTest {

    private InMemoryDirectoryServer ldap;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=contoso,DC=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(null);
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH));
        ldap = new InMemoryDirectoryServer(config);
        ldap.startListening();
        ldap.add(new Entry("DC=contoso,DC=com", new Attribute("objectClass", "domain"), new Attribute("dc", "contoso")));
        ldap.add(new Entry("CN=Contoso Issuing CA,DC=contoso,DC=com", new Attribute("objectClass", "cRLDistributionPoint"),
                new Attribute("cn", "Contoso Issuing CA"), new Attribute("certificateRevocationList;binary", new byte[] {1, 2})));
    }

    @AfterEach
    void stop() {
        ldap.shutDown(true);
    }

    @Test
    void aDirectoryThatRefusesAnonymousSearchesGivesNotFetchedNeedsDomainCredentials() {
        NetworkFetch f = new LdapFetcher().fetch(FetchRequest.of("ldap://127.0.0.1:" + ldap.getListenPort()
                + "/CN=Contoso%20Issuing%20CA,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint", FetchPurpose.CRL), 5000);
        assertThat(f.outcome().wireName()).as(f.error().orElse("")).isEqualTo("not-fetched");
        assertThat(f.error()).hasValueSatisfying(e -> assertThat(e).startsWith("needs domain credentials"));
        assertThat(f.body()).isEmpty();
    }

    @Test
    void activeDirectorysRefusalTextIsRecognised() {
        // the operationsError text AD returns for an anonymous search (MS-ADTS 5.1.3 behaviour)
        assertThat(LdapFetcher.refusesAnonymous("[LDAP: error code 1 - 000004DC: LdapErr: DSID-0C090A5C, comment: In order to "
                + "perform this operation a successful bind must be completed on the connection., data 0, v4563]")).isTrue();
        assertThat(LdapFetcher.refusesAnonymous("[LDAP: error code 32 - No Such Object]")).isFalse();
    }
}
