package dev.ndesdiag.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.Accounts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SDDL of private key files as Get-Acl prints it, and what a service identity may read. */
class SecurityDescriptorTest {

    private static final String SVC = "S-1-5-21-1004336348-1177238915-682003330-1105";

    private static Accounts accounts(String... iisIusrsMembers) {
        return new Accounts(List.of(new Accounts.Account("CONTOSO\\svc_ndes", SVC, Optional.of(dev.ndesdiag.api.snapshot.AccountKind.USER), Optional.of(true),
                Optional.of(false), Optional.of(false), Optional.empty())),
                List.of(new Accounts.LocalGroup(Sids.IIS_IUSRS, "IIS_IUSRS", List.of(iisIusrsMembers)),
                        new Accounts.LocalGroup(Sids.USERS, "Users", List.of(Sids.AUTHENTICATED_USERS))));
    }

    @Test
    void parsesAGetAclDescriptorWithAliasesAndHexMasks() {
        SecurityDescriptor sd = SecurityDescriptor.parse("O:SYG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1200a9;;;" + SVC + ")");
        assertThat(sd.owner()).contains(Sids.LOCAL_SYSTEM);
        assertThat(sd.dacl()).hasSize(3);
        assertThat(sd.dacl().get(2).mask()).isEqualTo(0x1200a9);
        assertThat(sd.dacl().get(2).sid()).contains(SVC);
    }

    @Test
    void acceptsUpperCaseHexAndAWrappedLine() {
        SecurityDescriptor sd = SecurityDescriptor.parse("O:BAG:SYD:(A;ID;0X12\r\n  00A9;;;IS)");
        assertThat(sd.dacl()).singleElement().satisfies(a -> {
            assertThat(a.mask()).isEqualTo(0x1200A9);
            assertThat(a.sid()).contains(Sids.IIS_IUSRS);
            assertThat(a.flags()).containsExactly("ID");
        });
    }

    @Test
    void refusesTextThatIsNotSddl() {
        assertThatThrownBy(() -> SecurityDescriptor.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityDescriptor.parse("D:(A;;FA;;;SY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityDescriptor.parse("D:(A;;ZZ;;;SY)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theServiceAccountReadsAKeyGrantedToItDirectly() {
        ServiceIdentity id = ServiceIdentity.resolve("CONTOSO\\svc_ndes", Optional.of(accounts()));
        var access = id.canRead(SecurityDescriptor.parse("O:SYG:SYD:PAI(A;;FA;;;SY)(A;;GR;;;" + SVC + ")"));
        assertThat(access.readable()).isTrue();
        assertThat(access.decidingAce().orElseThrow().sid()).contains(SVC);
    }

    @Test
    void theServiceAccountReadsThroughIisIusrsMembership() {
        ServiceIdentity id = ServiceIdentity.resolve("CONTOSO\\svc_ndes", Optional.of(accounts(SVC)));
        assertThat(id.canRead(SecurityDescriptor.parse("O:SYG:SYD:(A;;FA;;;SY)(A;;FR;;;S-1-5-32-568)")).readable()).isTrue();
    }

    @Test
    void aServiceAccountOutsideIisIusrsCannotReadAKeyGrantedOnlyToIisIusrs() {
        ServiceIdentity id = ServiceIdentity.resolve("CONTOSO\\svc_ndes", Optional.of(accounts()));
        var access = id.canRead(SecurityDescriptor.parse("O:SYG:SYD:(A;;FA;;;SY)(A;;FR;;;S-1-5-32-568)"));
        assertThat(access.readable()).isFalse();
        assertThat(access.readers()).containsExactly(Sids.LOCAL_SYSTEM, Sids.IIS_IUSRS);
    }

    @Test
    void theAppPoolVirtualAccountHasIisIusrsInItsToken() {
        ServiceIdentity id = ServiceIdentity.resolve("IIS APPPOOL\\SCEP", Optional.empty());
        assertThat(id.sid()).contains(Sids.appPool("SCEP"));
        assertThat(id.canRead(SecurityDescriptor.parse("D:(A;;FR;;;IS)")).readable()).isTrue();
    }

    @Test
    void aDenyEntryWinsOverAnAllow() {
        ServiceIdentity id = ServiceIdentity.resolve("CONTOSO\\svc_ndes", Optional.of(accounts(SVC)));
        var access = id.canRead(SecurityDescriptor.parse("D:(A;;FA;;;" + SVC + ")(D;;FR;;;IS)"));
        assertThat(access.readable()).isFalse();
        assertThat(access.decidingAce().orElseThrow().type()).isEqualTo(Ace.Type.DENY);
    }

    @Test
    void aWriteOnlyGrantOrAnInheritOnlyEntryDoesNotLetItRead() {
        ServiceIdentity id = ServiceIdentity.resolve("NT AUTHORITY\\NETWORK SERVICE", Optional.empty());
        assertThat(id.canRead(SecurityDescriptor.parse("D:(A;;FW;;;NS)(A;OICIIO;FA;;;NS)")).readable()).isFalse();
        assertThat(id.canRead(SecurityDescriptor.parse("D:(A;;GA;;;NS)")).readable()).isTrue();
    }

    @Test
    void everyoneAndAuthenticatedUsersGrantsReachAnyIdentity() {
        ServiceIdentity id = ServiceIdentity.resolve("CONTOSO\\svc_ndes", Optional.of(accounts()));
        assertThat(id.canRead(SecurityDescriptor.parse("D:(A;;FR;;;AU)")).readable()).isTrue();
        assertThat(id.canRead(SecurityDescriptor.parse("D:(A;;FR;;;BU)")).readable()).as("Users holds Authenticated Users").isTrue();
    }

    @Test
    void anUnknownAccountHasNoSid() {
        assertThat(ServiceIdentity.resolve("CONTOSO\\someone", Optional.of(accounts())).sid()).isEmpty();
    }

    @Test
    void computesTheSidOfAnApplicationPoolAccountFromItsName() {
        assertThat(Sids.appPool("DefaultAppPool")).isEqualTo("S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415");
    }
}
