# Builds tests/engine/aws-recorded/*.json from localstack/localstack's Step Functions snapshot tests, which
# were recorded against real AWS (markers.aws.validated). Only the recorded facts are taken: the definition
# template, the input, and the history's event types / ids / previous ids and the final result. Cases that
# need other services (Lambda, SQS, S3...), whose input or random output the recording replaced by a placeholder,
# or that the test itself stopped, are left out. A test may record one history per input (exec_hist_resp_<n>):
# each is a case of its own, named <test>#<key>.
#   python3 tests/engine/aws-recorded/extract.py tests/engine/aws-recorded   (GD: a localstack git directory)
import collections, json, os, re, subprocess, sys
GD = os.environ.get('GD', '/work/.mirror/localstack+localstack/repo')
def show(path):
    return subprocess.run(['git', '--git-dir', GD, 'show', 'HEAD:' + path], capture_output=True, text=True).stdout
files = subprocess.run(['git', '--git-dir', GD, 'ls-tree', '-r', '--name-only', 'HEAD', 'tests/aws/services/stepfunctions/'], capture_output=True, text=True).stdout.split()
commit = subprocess.run(['git', '--git-dir', GD, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip()
# template constants per module
consts = {}
for f in files:
    if f.endswith('_templates.py'):
        mod = f[:-3].replace('/', '.')
        txt = show(f)
        d = {}
        for m in re.finditer(r'(\w+)\s*:\s*Final\[str\]\s*=\s*os\.path\.join\(\s*_THIS_FOLDER\s*,\s*"([^"]+)"\s*\)', txt):
            d[m.group(1)] = os.path.join(os.path.dirname(f), m.group(2))
        consts[mod] = d
def load_json5(path, subs=()):
    t = show(path)
    for a, b in subs: t = t.replace(a, b)  # a template may hold an unquoted placeholder (_tbd_)
    t = re.sub(r'^\s*//.*$', '', t, flags=re.M)
    t = re.sub(r'^([^"\n]*(?:"[^"\n]*"[^"\n]*)*?)\s*//.*$', r'\1', t, flags=re.M)  # a comment after a value
    t = re.sub(r'/\*.*?\*/', '', t, flags=re.S)
    t = re.sub(r',(\s*[}\]])', r'\1', t)
    return json.loads(t)
def norm_event(e):
    return e['type']
LITS = {'number': '1', 'string': "'string'", 'boolean': 'true', 'object': "{'foo': 'bar'}", 'null': 'null', 'empty': '[]', 'singleton': '[0]', 'mixed': "[1, 'two', 3]"}
OVERRIDES = {
  'test_map_state_tolerated_failure_values': lambda p: ([('ST', {'count_literal': 'MAP_STATE_TOLERATED_FAILURE_COUNT', 'percentage_literal': 'MAP_STATE_TOLERATED_FAILURE_PERCENTAGE'}[p])], []),
  'test_map_state_items_eval_jsonata_fail': (('ST', 'MAP_STATE_ITEMS_LITERAL'), lambda p: [('_tbd_', '{% ' + LITS.get(p, 'function($x){$x}') + ' %}')]),
  'test_map_state_items_eval_jsonata': (('ST', 'MAP_STATE_ITEMS_LITERAL'), lambda p: [('_tbd_', '{% ' + LITS.get(p, 'function($x){$x}') + ' %}')]),
  'test_map_state_items_eval_jsonata_variable_sampling_fail': (('ST', 'MAP_STATE_ITEMS_VARIABLE'), lambda p: [('_tbd_', '{% ' + LITS.get(p, 'function($x){$x}') + ' %}')]),
  'test_input_path': (('ContextObjectTemplates', 'CONTEXT_OBJECT_INPUT_PATH'), lambda p: [('%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%', p)]),
  'test_output_path': (('ContextObjectTemplates', 'CONTEXT_OBJECT_OUTPUT_PATH'), lambda p: [('%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%', p)]),
}
cases = collections.defaultdict(list)
skipped = collections.Counter()
def add_case(f, key, rec, fn, tname, param, hkey, hist, definition, path, lambdas=None, names=None, started=None):
    """One case from one recorded history; `lambdas` names the test's Lambda functions' handler files, `names`
    what the recording wrote for their names, `started` the definition of a state machine the execution starts."""
    events = hist['events']
    if not events or events[0]['type'] != 'ExecutionStarted': skipped['nostart'] += 1; return
    inp = events[0]['executionStartedEventDetails'].get('input')
    if isinstance(inp, str): inp = json.loads(inp)  # the recordings keep non-object JSON input as its text
    TS = {'SECONDS': '2016-03-14T01:59:00Z', 'NANOSECONDS': '2016-03-05T21:29:29.243167252Z', 'NO_T': '2016-12-05 21:29:29Z', 'NO_Z': '2016-12-05T21:29:29', 'INVALID_DATE': '2016-13-05T21:29:29Z', 'INVALID_TIME': '2016-12-05T25:29:29Z', 'INVALID_ISO': '05-12-2016T21:29:29Z'}
    if tname in ('test_wait_timestamp_path', 'test_wait_timestamp_jsonata') and param in TS: inp = {'TimestampValue': TS[param]}
    itext = json.dumps(inp)
    # A timestamp the test took from the clock (now, or now plus some days): the engine's test does the same
    # with its virtual clock and puts the result where the recording has <timestamp>.
    stamp = None
    if tname == 'test_wait_timestamppath': stamp = {'days': 0, 'suffix': param}
    if tname == 'test_timestamp_too_far_in_future_boundary': stamp = {'days': int(param), 'suffix': '.000Z'}
    if stamp: itext = itext.replace('<timestamp>', '')
    if '<timestamp>' in itext or '"date"' in itext or '"timestamp"' in itext: skipped['placeholder-input'] += 1; return
    if fn == 'test_max_concurrency_path_negative': skipped['aws-hangs'] += 1; return
    last = events[-1]
    exp = {'status': {'ExecutionSucceeded': 'SUCCEEDED', 'ExecutionFailed': 'FAILED', 'ExecutionTimedOut': 'TIMED_OUT', 'ExecutionAborted': 'ABORTED'}.get(last['type'], 'RUNNING')}
    if last['type'] == 'ExecutionSucceeded': exp['output'] = last['executionSucceededEventDetails'].get('output')
    if exp.get('output') == 'executionSucceededEventDetails.output': del exp['output']  # the recording left it out
    if last['type'] == 'ExecutionFailed':
        d = last.get('executionFailedEventDetails', {})
        if 'error' in d: exp['error'] = d['error']
        if 'cause' in d: exp['cause'] = d['cause']
    # Recordings blank out the ids of concurrent branch events ([0]) and leave out some events (a gap in
    # the ids): those become [null, null, type] and [id, null, null].
    evs = []
    nextid = 1
    for e in events:
        if isinstance(e['id'], list):
            evs.append([None, None, e['type']]); nextid += 1; continue
        while e['id'] > nextid:
            evs.append([nextid, None, None]); nextid += 1
        evs.append([e['id'], e['previousEventId'], e['type']]); nextid = e['id'] + 1
    exp['events'] = evs
    amended = None
    types = [e[2] for e in evs]
    rd = rec.get('recorded-date', '')
    if 'MapRunStarted' in types and (rd[6:10], rd[3:5]) < ('2024', '11'):
        # AWS changed: recordings since November 2024 have MapStateExited follow MapRunStarted, older ones
        # MapRunSucceeded. The engine follows today's AWS; these older cases are amended to match.
        run = None  # each MapStateExited follows the MapRunStarted of its own run (a loop runs several)
        for e in evs:
            if e[2] == 'MapRunStarted': run = e
            if e[2] == 'MapStateExited' and run and e[1] != run[0]:
                e[1] = run[0]
                amended = 'MapStateExited follows MapRunStarted as in the recordings since 2024-11 (this one, older, had MapRunSucceeded)'
    out = exp.get('output')
    if isinstance(out, dict) and out.get('Status') == 'SUCCEEDED' and 'startExecution.sync' in json.dumps(definition) \
            and 'RedriveCount' not in out and (rd[6:10], rd[3:5]) < ('2023', '12'):
        # AWS added redrive in November 2023: a .sync task's output for a succeeded child has carried its redrive
        # fields since. The engine follows today's AWS; older recordings are amended to match.
        exp['output'] = {**out, 'RedriveCount': 0, 'RedriveStatus': 'NOT_REDRIVABLE',
                         'RedriveStatusReason': 'Execution is SUCCEEDED and cannot be redriven'}
        amended = 'a .sync output carries the redrive fields as since November 2023 (this recording is older)'
    if exp['status'] == 'ABORTED': skipped['stopped-by-test'] += 1; return
    if re.search(r'RandomNumberGenerated|generated-uuid', json.dumps(exp.get('output'))):
        skipped['placeholder-output'] += 1; return  # random values the recording replaced
    if 'output' in exp:
        exp['output'] = json.loads(json.dumps(exp['output']).replace('"start-time"', '"date"').replace('"entered-time"', '"date"'))
    group = os.path.basename(f).replace('.snapshot.json', '')
    cases[group].append({'name': fn if hkey == 'get_execution_history' else f'{fn}#{hkey}', 'source': f'localstack/localstack@{commit[:12]} {f} :: {key.split("::",1)[1]} (recorded {rec.get("recorded-date")}); definition {path}', 'definition': definition, 'input': inp, 'expected': exp, **({'amended': amended} if amended else {}), **({'lambdas': lambdas} if lambdas else {}), **({'names': names} if names else {}), **({'started': started} if started else {}), **({'timestamp': stamp} if stamp else {})})

# What replay.py learnt by running the tests (REPLAY=<its json>): the definition each execution really had.
REPLAY = json.load(open(os.environ['REPLAY'])) if os.environ.get('REPLAY') else {}
# The tests' Lambda handler files the engine's test has stand-ins for (aws-recorded.test.ts).
HANDLERS = {'id_function.py', 'raise_exception.py', 'raise_custom_exception.py', 'return_bytes_str.py',
            'return_decorated_input.py', 'echo_function.py', 'large_output_string.py'}
def resources(v):
    if isinstance(v, dict):
        if isinstance(v.get('Resource'), str): yield v['Resource']
        for x in v.values(): yield from resources(x)
    elif isinstance(v, list):
        for x in v: yield from resources(x)
def from_replay(f, key, rec, fn, tname, param, hists, reason):
    """A case the source alone does not give (`reason`), from the definition the test was seen to create."""
    r = REPLAY.get(key)
    if not r or not r['matches']: skipped[reason] += 1; return
    lambdas = {n: h for n, h in r['lambdas'].items() if h in HANDLERS}
    if len(lambdas) != len(r['lambdas']): skipped['replay-handler'] += 1; return
    # A function named in the execution's input is there as the recording's placeholder for its name.
    named = {r['placeholders'][n]: h for n, h in lambdas.items() if n in r['placeholders']}
    lambdas.update(named)
    lambdas.update({f'arn:<partition>:lambda:<region>:111111111111:function:{n}': h for n, h in named.items()})
    for hkey, hist in hists:
        n = r['matches'].get(hkey)
        m = r['machines'].get(r['executions'][n]['machine']) if n is not None else None
        if m is None or m['type'] != 'STANDARD': skipped['replay-unmatched'] += 1; continue
        definition = json.loads(m['definition']) if isinstance(m['definition'], str) else m['definition']
        text = json.dumps(definition)
        # Another state machine of the test, one the execution starts: its ARN is in the input as the recording's
        # placeholder for it.
        others = [json.loads(o['definition']) for a, o in r['machines'].items()
                  if a != r['executions'][n]['machine'] and isinstance(o['definition'], str)]
        if len(others) > 1: skipped['replay-machines'] += 1; continue
        if 'ItemReader' in text or 'ResultWriter' in text or 'Credentials' in text: skipped['resource'] += 1; continue
        # A task the execution never got as far as scheduling needs no service (it failed on its paths).
        scheduled = any(e['type'].endswith('Scheduled') for e in hist['events'])
        starts = {'arn:aws:states:::states:startExecution', 'arn:aws:states:::states:startExecution.sync',
                  'arn:aws:states:::states:startExecution.sync:2'}
        if scheduled and not all(res in starts and others or
                re.fullmatch(r'arn:aws:lambda:[\w-]+:\d+:function:(' + '|'.join(map(re.escape, lambdas)) + ')', res)
                or (res == 'arn:aws:states:::lambda:invoke' and lambdas) for res in resources(definition)):
            skipped['resource'] += 1; continue
        add_case(f, key, rec, fn, tname, param, hkey, hist, definition, 'as the test builds it (replay.py)', lambdas,
                 {n: p for n, p in r['placeholders'].items() if n in lambdas}, others[0] if others else None)

for f in files:
    # credentials: cross-account roles; the engine has one account.
    if not f.endswith('.snapshot.json') or '/v2/' not in f or 'credentials' in f: continue
    pyf = f.replace('.snapshot.json', '.py')
    if pyf not in files: continue
    py = show(pyf)
    aliases = {}
    for m in re.finditer(r'from\s+([\w.]+_templates)\s+import\s*\(?\s*([^)\n]+(?:\n[^)]*)?)\)?', py):
        mod = m.group(1)
        for part in m.group(2).replace('\n', ',').split(','):
            part = part.strip()
            if not part: continue
            bits = part.split(' as ')
            aliases[bits[-1].strip()] = mod
    # function bodies
    funcs = {}
    for m in re.finditer(r'\n    def (test_\w+)\(', py):
        start = m.start()
        nxt = re.search(r'\n    (@|def )', py[m.end():])
        body = py[m.end(): m.end() + nxt.start()] if nxt else py[m.end():]
        funcs[m.group(1)] = body
    snap = json.loads(show(f))
    for key, rec in snap.items():
        fn = key.split('::')[-1]
        tname = fn.split('[')[0]
        param = fn[len(tname)+1:-1] if '[' in fn else None
        rc = rec['recorded-content']
        # Histories are recorded under get_execution_history, or once per input (exec_hist_resp_<n>).
        hists = [(k, v) for k, v in rc.items() if isinstance(v, dict) and isinstance(v.get('events'), list)
                 and v['events'] and v['events'][0].get('type') == 'ExecutionStarted']
        if not hists: skipped['nohistory'] += 1; continue
        body = funcs.get(tname)
        if body is None: from_replay(f, key, rec, fn, tname, param, hists, 'nofunc'); continue
        loads = re.findall(r'load_sfn_template\(\s*(\w+)\.(\w+)\s*\)', body)
        if len(loads) != 1 and '[' in fn:
            # Parametrised by template: the case's id is the template's constant (ids=["PARALLEL_STATE", ...]).
            pid = fn[len(tname) + 1:-1].split('-')[0]
            pid = pid[3:] if pid.startswith('ST.') else pid
            named = sorted({(a, pid) for a, m in aliases.items() if pid in consts.get(m, {})})
            if len(named) == 1: loads = named
        if not loads:
            # A helper loads the template it is given (create_and_test_on_inputs(..., IFT.ARRAY_0, ...)).
            refs = {(a, c) for a, c in re.findall(r'\b(\w+)\.([A-Z][A-Z0-9_]+)\b', body)
                    if a in aliases and c in consts.get(aliases[a], {})}
            loads = sorted(refs)
        subs = []
        ov = OVERRIDES.get(tname)
        if ov and param != 'function':
            if callable(ov): loads, subs = ov(param)
            else: loads, subs = [ov[0]], ov[1](param)
        else:
            if len(loads) != 1: from_replay(f, key, rec, fn, tname, param, hists, 'loads!=1'); continue
            if re.search(r'\.replace\(|template\[|definition\[|_tbd_|mock', body): from_replay(f, key, rec, fn, tname, param, hists, 'modified'); continue
        if re.search(r'create_lambda_function\(|sqs_create_queue\(|sns_create_topic\(|s3_create_bucket\(|aws_client\.(?!stepfunctions)', body): from_replay(f, key, rec, fn, tname, param, hists, 'services'); continue
        alias, cname = loads[0]
        mod = aliases.get(alias)
        path = consts.get(mod, {}).get(cname) if mod else None
        if not path: from_replay(f, key, rec, fn, tname, param, hists, 'nopath'); continue
        try: definition = load_json5(path, subs)
        except Exception as e: skipped['json5'] += 1; continue
        dtext = json.dumps(definition)
        if '"Resource"' in dtext or 'ItemReader' in dtext or 'ResultWriter' in dtext: from_replay(f, key, rec, fn, tname, param, hists, 'resource'); continue
        for hkey, hist in hists: add_case(f, key, rec, fn, tname, param, hkey, hist, definition, path)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 0
for g, cs in cases.items():
    n += len(cs)
    with open(os.path.join(out, g + '.json'), 'w') as fh:
        json.dump(cs, fh, indent=1); fh.write('\n')
print(n, 'cases', dict(skipped), file=sys.stderr)
for g, cs in sorted(cases.items()): print(g, len(cs), file=sys.stderr)
