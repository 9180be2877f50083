/** The NDES configuration under {@code HKLM\SOFTWARE\Microsoft\Cryptography\MSCEP}. */
package dev.ndesdiag.mscep;
