package dev.ndesdiag.checks.ca;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.ca.CaType;
import dev.ndesdiag.ca.GetregValue;
import dev.ndesdiag.inputs.AuthorityInputs;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * NDES needs an enterprise CA ({@code CAType} 0 or 1): it names a certificate template in every
 * request, and a standalone CA (3, 4) issues without templates, so NDES cannot be configured with it
 * or its requests are not issued as the templates say.
 */
public final class CaEnterpriseTypeCheck extends AbstractCheck {

    static final String NDES_GUIDANCE = "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/hh831498(v=ws.11)";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public CaEnterpriseTypeCheck() {
        super(CheckDescriptor.of("ca-enterprise-type", "The CA NDES submits to is an enterprise CA (CAType 0 or 1)",
                        Category.CONFIGURATION)
                .withSymptoms("HTTP 500", "requests not issued from the template")
                .requires(AuthorityInputs.CA_TYPE)
                .withReferences(NDES_GUIDANCE));
    }

    @Override
    public CheckResult run(CheckContext context) {
        CaGetreg.Read read = CaGetreg.read(context.get(AuthorityInputs.CA_TYPE), "CA\\CAType");
        if (read.value().isEmpty()) {
            return CheckResult.of(read.why().orElseThrow());
        }
        GetregValue v = read.value().get();
        OptionalLong n = v.dword();
        Optional<CaType> type = n.isPresent() ? CaType.of(n.getAsLong()) : Optional.empty();
        if (type.isEmpty()) {
            return CheckResult.of(Finding.error("CA_TYPE_UNREADABLE", "commands/certutil-getreg-ca-catype.txt holds a CAType this "
                            + "reader does not know: \"" + v.data() + "\".")
                    .withEvidence("file", "commands/certutil-getreg-ca-catype.txt").withEvidence("raw", v.type() + " = " + v.data()));
        }
        if (type.get().enterprise()) {
            return CheckResult.of(Finding.pass("CA_ENTERPRISE", "The CA is an " + type.get().words() + " (CAType "
                    + type.get().value() + ").").withEvidence("caType", type.get().value()));
        }
        return CheckResult.of(Finding.fail("CA_STANDALONE", "The CA NDES submits to is a " + type.get().words() + " (CAType "
                        + type.get().value() + "). NDES requests certificates by template, which only an enterprise CA issues "
                        + "from; with a standalone CA NDES setup fails or its requests are not issued as the templates say.")
                .withEvidence("caType", type.get().value())
                .withRemediation("Point NDES at an enterprise CA (MSCEP\\CAInfo; reinstall the NDES role with that CA), or install an "
                        + "enterprise subordinate CA for it.")
                .withReference(NDES_GUIDANCE));
    }
}
