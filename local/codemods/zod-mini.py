# One-off rewriting of classic zod method chains into zod/mini's function form (session 15, issue 21),
# kept for the files still on classic zod. Usage:
#   python3 local/codemods/zod-mini.py <file.ts> <comma-separated names of mini schemas> mini|classic
# mode mini: every chain from `z.` or a named mini schema becomes checks (`.check(z.trim(), z.maxLength(n))`)
#   and wrappers (`z.optional(x)`); .min/.max become z.gte/z.lte on numbers, z.minLength/z.maxLength else.
# mode classic: only `<mini schema>.optional()`/`.nullable()` become classic `z.optional(<mini schema>)`.
# It prints the result; comments between chained calls are dropped (check them), and what it does not
# know (.extend, .pick, .describe on a mini schema in a classic file) is left for tsc to point at.
import re,sys
# Rewrites classic zod method chains into zod/mini's functional form.
# mode 'mini': every chain starting at z.<fn>(...) or a known-mini identifier is rewritten.
# mode 'classic': only chains starting at a known-mini identifier, only .optional()/.nullable() (wrapped with classic z).
MINI=set(sys.argv[2].split(',')) if len(sys.argv)>2 else set()
mode=sys.argv[3] if len(sys.argv)>3 else 'mini'
src=open(sys.argv[1]).read()

def match_paren(s,i):
  # s[i]=='(' ; return index after matching ')'
  depth=0; j=i; q=None
  while j<len(s):
    c=s[j]
    if q:
      if c=='\\': j+=2; continue
      if c==q: q=None
    elif c in '\'"`': q=c
    elif c=='/' and s[j+1:j+2]=='/' : j=s.index('\n',j); continue
    elif c=='/' and s[j+1:j+2]=='*' : j=s.index('*/',j)+2; continue
    elif c=='/' and re.search(r'[(,=:\[!&|?]\s*$', s[:j]):
      k=j+1; cls=False
      while True:
        ch=s[k]
        if ch=='\\': k+=2; continue
        if ch=='[': cls=True
        elif ch==']': cls=False
        elif ch=='/' and not cls: break
        k+=1
      j=k+1; continue
    elif c in '([{': depth+=1
    elif c in ')]}':
      depth-=1
      if depth==0: return j+1
    j+=1
  raise Exception('unbalanced')

NUM_BASE=('z.number(','z.int(')
ARR_BASE=('z.array(',)
def convert_chain(base, calls):
  # base: text of base expression; calls: list of (name,args)
  numeric=re.sub(r'\s+','',base).startswith(NUM_BASE) or base in ('familyStarScoreSchema',)
  checks=[]; expr=base; wrappers=[]
  def flush():
    nonlocal expr,checks
    if checks:
      expr=f"{expr}.check({', '.join(checks)})"; checks=[]
  for name,args in calls:
    a=args
    if name in('optional','nullable','nullish'):
      flush(); expr=f"z.{name}({expr})"
    elif name=='default':
      flush(); expr=f"z._default({expr}, {a})"
    elif name=='trim': checks.append('z.trim()')
    elif name=='int': checks.append('z.int()')
    elif name=='min': checks.append(f"z.gte({a})" if numeric else f"z.minLength({a})")
    elif name=='max': checks.append(f"z.lte({a})" if numeric else f"z.maxLength({a})")
    elif name in('regex','refine','superRefine','describe','overwrite','length','positive','nonnegative','toLowerCase','toUpperCase','startsWith','endsWith','includes'):
      checks.append(f"z.{name}({a})")
    elif name=='array':
      flush(); expr=f"z.array({expr})"
    elif name=='pipe':
      flush(); expr=f"z.pipe({expr}, {a})"
    elif name=='transform':
      flush(); expr=f"z.pipe({expr}, z.transform({a}))"
    else:
      raise Exception('unhandled method '+name+' on '+base)
  flush()
  return expr

out=[]; i=0
ident=re.compile(r'[A-Za-z_$][\w$]*')
while i<len(src):
  m=None
  # find chain start
  if re.match(r'z\s*\.',src[i:i+40]) and (i==0 or not re.match(r'[\w$.]',src[i-1])) and mode=='mini':
    m=re.compile(r'z(\s*\.\s*[A-Za-z_]+)+').match(src,i)
  elif (i==0 or not re.match(r'[\w$.]',src[i-1])):
    mm=ident.match(src,i)
    if mm and mm.group(0) in MINI: m=mm
  if not m:
    # skip strings/comments quickly
    c=src[i]
    if src.startswith('//',i):
      j=src.index('\n',i); out.append(src[i:j]); i=j; continue
    if src.startswith('/*',i):
      j=src.index('*/',i)+2; out.append(src[i:j]); i=j; continue
    if c in '\'"`':
      j=i+1
      while src[j]!=c:
        j+= 2 if src[j]=='\\' else 1
      out.append(src[i:j+1]); i=j+1; continue
    if mm:=ident.match(src,i):
      out.append(mm.group(0)); i=mm.end(); continue
    out.append(c); i+=1; continue
  j=m.end()
  if j<len(src) and src[j]=='(':
    j=match_paren(src,j)
  base=src[i:j]
  # inner rewriting of base args
  calls=[]
  k=j
  while True:
    mm=re.compile(r'\s*\.\s*([A-Za-z_]+)\s*\(').match(src,k)
    if not mm: break
    name=mm.group(1)
    if mode=='classic' and name not in('optional','nullable'): break
    if mode=='mini' and name in ('safeParse','parse','extend','pick','omit','partial','check','openapi','shape','keyof','unwrap'): break
    pe=match_paren(src,mm.end()-1)
    args=src[mm.end():pe-1]
    calls.append((name,args)); k=pe
  if not calls:
    # rewrite inside base args recursively
    if '(' in base[m.end()-i:]:
      p=base.index('(',m.end()-i)
      inner=base[p+1:-1]
      import subprocess
    out.append(base[:m.end()-i]); i=m.end(); continue
  # recursively convert args inside base and calls
  def rec(t):
    if not t.strip(): return t
    import tempfile,subprocess,os
    f=tempfile.NamedTemporaryFile('w',delete=False,suffix='.ts'); f.write(t); f.close()
    r=subprocess.run([sys.executable,__file__,f.name,','.join(MINI),mode],capture_output=True,text=True)
    if r.returncode: raise Exception(r.stderr)
    os.unlink(f.name); return r.stdout
  if '(' in base[m.end()-i:]:
    p=m.end()-i
    base=base[:p+1]+rec(base[p+1:-1])+')'
  calls=[(n,rec(a)) for n,a in calls]
  if mode=='classic':
    e=base
    for n,a in calls: e=f"z.{n}({e})"
    out.append(e)
  else:
    out.append(convert_chain(base,calls))
  i=k
sys.stdout.write(''.join(out))
