package dev.ndesdiag.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.Captures;
import org.junit.jupiter.api.Test;

/** certutil -dstemplate output is read as certutil prints it, with and without -v. */
class DsTemplateReaderTest {

    @Test
    void readsMicrosoftsVerboseExampleOfTheAdministratorTemplate() {
        DsTemplateReader.Dump dump = DsTemplateReader.read(Captures.text("ms-crtd-dstemplate-administrator.txt"));
        assertThat(dump.problems()).isEmpty();
        assertThat(dump.templates()).hasSize(1);
        TemplateObject t = dump.find("administrator").orElseThrow();
        assertThat(t.name()).isEqualTo("Administrator");
        assertThat(t.value("distinguishedName")).contains(
                "CN=Administrator,CN=Certificate Templates,CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso, DC=com");
        assertThat(t.extendedKeyUsages()).containsExactly("1.3.6.1.4.1.311.10.3.1", "1.3.6.1.4.1.311.10.3.4",
                "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2");
        assertThat(t.providers()).containsExactly("Microsoft Base Cryptographic Provider v1.0",
                "Microsoft Enhanced Cryptographic Provider v1.0");
        assertThat(t.keyUsage()).hasValue(0xa0);
        assertThat(t.nameFlag()).hasValue(0xa6000000L);
        assertThat(t.enrolleeSuppliesSubject()).as("the subject is built from AD").isFalse();
        assertThat(t.value("msPKI-Enrollment-Flag")).contains("41");
        assertThat(t.value("objectCategory")).as("the spec marks it with a leading asterisk")
                .contains("CN=PKI-Certificate-Template,CN=Schema,CN=Configuration,DC=contoso,DC=com");
        assertThat(t.sddl()).isEmpty();
    }

    @Test
    void readsAnExportWithItsSecurityDescriptorAndSkipsTheVersionAndListSections() {
        DsTemplateReader.Dump dump = DsTemplateReader.read(Captures.text("dstemplate-export-vmware.txt"));
        assertThat(dump.templates()).extracting(TemplateObject::name).containsExactly("VMware");
        TemplateObject t = dump.templates().get(0);
        assertThat(t.schemaVersion()).hasValue(2);
        assertThat(t.enrolleeSuppliesSubject()).isTrue();
        assertThat(t.keyUsage()).hasValue(0xe0);
        assertThat(t.providers()).containsExactly("Microsoft DH SChannel Cryptographic Provider",
                "Microsoft RSA SChannel Cryptographic Provider");
        assertThat(t.securityDescriptor().orElseThrow().dacl()).hasSize(6);
        assertThat(t.securityDescriptor().orElseThrow().dacl().get(0).objectType()).contains(DirectoryAccess.ENROLL);
    }

    /**
     * {@code certutil -v -dstemplate} prints the security descriptor: SpecterOps, "Certified Pre-Owned"
     * (Schroeder and Christensen, 2021), figure 23, shows {@code C:\Temp>certutil -v -dstemplate}
     * printing {@code nTSecurityDescriptor = "D:PAI(OA;;RPWPCR;0e10c968-...;;DA)..."} followed by the
     * entries it decodes ({@code Allow Enroll THESHIRE\Domain Admins}, {@code Allow Read NT
     * AUTHORITY\Authenticated Users}). The figure is a screenshot, so the lines here are written in its
     * shape with this test's own SIDs; the SDDL value wraps inside its quotes as the [MS-CRTD] example wraps
     * long values.
     */
    @Test
    void readsTheSecurityDescriptorVerboseOutputPrintsWithTheEntriesItDecodesAfterIt() {
        String text = "[Version]\r\nSignature = \"$Windows NT$\"\r\n\r\n[NDESIntune]\r\n"
                + "    cn = \"NDESIntune\"\r\n"
                + "    whenCreated = \"20210104185843.0Z\" 1/4/2021 10:58 AM\r\n"
                + "    nTSecurityDescriptor = \"D:PAI(OA;;RPWPCR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;DA)(OA;;RPWPCR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;S-1-\r\n"
                + "    5-21-1004336348-1177238915-682003330-1105)(A;;LCRPLORC;;;AU)\"\r\n"
                + "    Allow Enroll CONTOSO\\Domain Admins\r\n"
                + "    Allow Enroll CONTOSO\\svc_ndes\r\n"
                + "    Allow Read NT AUTHORITY\\Authenticated Users\r\n"
                + "    msPKI-Certificate-Name-Flag = \"1\" 0x1\r\n";
        DsTemplateReader.Dump dump = DsTemplateReader.read(text);
        assertThat(dump.problems()).isEmpty();
        TemplateObject t = dump.find("NDESIntune").orElseThrow();
        assertThat(t.sddl()).contains("D:PAI(OA;;RPWPCR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;DA)"
                + "(OA;;RPWPCR;0e10c968-78fb-11d2-90d4-00c04f79dc55;;S-1-5-21-1004336348-1177238915-682003330-1105)(A;;LCRPLORC;;;AU)");
        assertThat(t.securityDescriptor().orElseThrow().dacl()).hasSize(3);
        assertThat(t.values("nTSecurityDescriptor")).as("the decoded entries are not values").hasSize(1);
        assertThat(t.enrolleeSuppliesSubject()).as("the attribute after the decoded entries is read").isTrue();
    }

    @Test
    void aLineThatDidNotDecodeIsReportedWithItsNumberAndText() {
        String text = "[NDESIntune]\r\n    cn = \"NDESIntune\"\r\n    displayName = \"NDES \uFFFD Intune\"\r\n";
        DsTemplateReader.Dump dump = DsTemplateReader.read(text);
        assertThat(dump.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.raw()).contains("NDES \uFFFD Intune");
        });
        assertThat(dump.find("NDESIntune")).isPresent();
    }
}
