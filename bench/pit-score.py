#!/usr/bin/env python3
"""Scores from PIT mutations.xml: per package (and optionally class), killed/total.
usage: score.py mutations.xml [--new REGEX] [--classes] [--survivors PKGPREFIX]
--new REGEX: test-name regex of new tests; 'before' counts a KILLED mutant only if some killer is not new
(TIMED_OUT/MEMORY_ERROR/RUN_ERROR count as detected before and after)."""
import sys, re, collections, xml.etree.ElementTree as ET
args = sys.argv[1:]
path = args[0]
new = None; by_class = False; surv = None
i = 1
while i < len(args):
    if args[i] == '--new': new = re.compile(args[i+1]); i += 2
    elif args[i] == '--classes': by_class = True; i += 1
    elif args[i] == '--survivors': surv = args[i+1]; i += 2
    else: sys.exit('bad arg ' + args[i])
root = ET.parse(path).getroot()
tot = collections.Counter(); aft = collections.Counter(); bef = collections.Counter(); nocov = collections.Counter()
for m in root.findall('mutation'):
    cls = m.findtext('mutatedClass'); pkg = cls.rsplit('.', 1)[0]
    key = cls.split('$')[0] if by_class else pkg
    st = m.get('status'); tot[key] += 1
    if st == 'NO_COVERAGE': nocov[key] += 1
    detected = st in ('KILLED', 'TIMED_OUT', 'MEMORY_ERROR', 'RUN_ERROR')
    if detected: aft[key] += 1
    if new is not None:
        if st == 'KILLED':
            killers = [k for k in (m.findtext('killingTests') or m.findtext('killingTest') or '').split('|') if k]
            if any(not new.search(k) for k in killers): bef[key] += 1
        elif detected: bef[key] += 1
    if surv and cls.startswith(surv) and not detected:
        print('SURV %s:%s %s %s | %s' % (cls.split('.')[-1], m.findtext('lineNumber'), m.findtext('mutatedMethod'), st, m.findtext('description')), file=sys.stderr)
def pr(k):
    t = tot[k]; a = aft[k]
    s = '%-55s %4d/%-4d %5.1f%%' % (k, a, t, 100.0 * a / t)
    if new is not None: s = '%-55s before %4d/%-4d %5.1f%%  after %4d/%-4d %5.1f%%' % (k, bef[k], t, 100.0*bef[k]/t, a, t, 100.0*a/t)
    print(s + ('  nocov %d' % nocov[k] if nocov[k] else ''))
for k in sorted(tot): pr(k)
T = sum(tot.values()); A = sum(aft.values()); B = sum(bef.values())
print('TOTAL %d/%d %.1f%%' % (A, T, 100.0*A/T) + ('  before %d/%d %.1f%%' % (B, T, 100.0*B/T) if new is not None else ''))
