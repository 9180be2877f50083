package dev.ndesdiag.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operation of a SCEP URL is its first {@code operation} parameter, the name in any case, the value as sent. */
class ScepRequestTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ndes-diag|GetCACaps",
        "/certsrv/mscep/mscep.dll?message=x&OPERATION=GetCACert|GetCACert",
        "/certsrv/mscep/mscep.dll?Operation=PKIOperation&operation=GetCACaps|PKIOperation",
        "/certsrv/mscep/mscep.dll?operation=|''",
        "/certsrv/mscep/mscep.dll?operation|''",
        "/certsrv/mscep/mscep.dll?xoperation=GetCACaps|''",
        "/certsrv/mscep/mscep.dll?&&operation=getcacaps&|getcacaps",
        "/certsrv/mscep/mscep.dll|''",
        "/certsrv/mscep/mscep.dll?|''",
        // U+0130 lower-cases to 'i' plus a dot: not the parameter's name
        "/certsrv/mscep/mscep.dll?operat\u0130on=GetCACaps|''"})
    void theOperationIsTheFirstOperationParameter(String url, String operation) {
        assertThat(ScepRequest.operationOf(url)).isEqualTo(operation);
    }
}
