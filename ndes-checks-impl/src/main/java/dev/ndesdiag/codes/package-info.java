/**
 * The code dictionary: what the codes found on an NDES server mean (HTTP status.substatus.win32
 * triples as IIS logs them, HRESULT and Win32 codes, WinHTTP codes and flags, HTTP.sys error log
 * reasons, event ids by provider), their usual cause there, the check that confirms it, the fix and
 * the source, read from the data file {@code dev/ndesdiag/codes/ndes-codes.json}.
 * {@link dev.ndesdiag.codes.CodeDictionary} looks codes up in any of the forms people paste
 * ({@code 0x80094800}, {@code -2146875392}, {@code 500 0 1346}, {@code event 10}, {@code WAS-5002}).
 */
package dev.ndesdiag.codes;
