package dev.ndesdiag.certificates;

import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.List;

/**
 * The RA certificates of LocalMachine\My as the RA checks see them: the stores, the certificates
 * recognised as RA certificates, and what could not be read of My. The shared prologue of the RA
 * checks; they declare {@link #REQUIRED} and {@link #USED}.
 *
 * @param stores every collected store, for issuers
 * @param ras the RA certificates NDES can see, in store order (archived ones left out)
 * @param archived the archived RA certificates, leftovers of renewals that NDES ignores
 * @param problems the unreadable files of My
 */
public record RaInventory(CertificateStores stores, List<RaCertificate> ras, List<RaCertificate> archived,
        List<InputProblem> problems) {

    /** Without My nothing can be judged. */
    public static final Input<?>[] REQUIRED = {NdesInputs.MY};
    /** The other stores (issuers), the template cache (template names) and MSCEP (the CA, for the fix). */
    public static final Input<?>[] USED = {NdesInputs.CERTIFICATES, NdesInputs.TEMPLATE_CACHE, NdesInputs.MSCEP, NdesInputs.IIS};

    /** Copies the components. */
    public RaInventory {
        ras = List.copyOf(ras);
        archived = List.copyOf(archived);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the inventory of a check that declared {@link #REQUIRED} and {@link #USED}.
     *
     * @param context the check's context
     * @return the inventory
     */
    public static RaInventory of(CheckContext context) {
        context.get(NdesInputs.MY);
        CertificateStores stores = context.find(NdesInputs.CERTIFICATES).orElseThrow();
        var templates = context.find(NdesInputs.TEMPLATE_CACHE);
        return new RaInventory(stores, RaCertificate.in(stores, templates), RaCertificate.archivedIn(stores, templates),
                context.problems(NdesInputs.MY));
    }
}
