# Learns, for each of localstack's Step Functions snapshot tests, which definition and input each recorded
# execution had, by running the test function itself against recording stand-ins (no AWS, no localstack):
# the state machines it creates, the executions it starts, the snapshot keys it records their histories
# under, and the Lambda functions it creates (name -> handler file). extract.py uses this where reading the
# test's source is not enough (a test that edits its template, or picks it from a parameter).
#   cd <localstack checkout> && python3 -m pytest -p replay --rootdir . -q tests/aws/services/stepfunctions/v2 \
#     (with this folder on PYTHONPATH and REPLAY_OUT=<json file>)
import hashlib, importlib.abc, importlib.machinery, json, os, re, sys, types
import pytest

RECORD = {}
_current = None


class Stub:
    """Any attribute, call or item; a decorator given one function returns it unchanged. It reads as the
    last name it was reached by (LogLevel.ALL reads "ALL", as the enum's value would)."""
    def __init__(self, name='', *a, **k): self._name = name if isinstance(name, str) else ''
    def __str__(self): return self._name
    def __format__(self, spec): return self._name
    def __getattr__(self, k):
        if k.startswith('__'): raise AttributeError(k)
        return Stub(k)
    def __call__(self, *a, **k):
        if len(a) == 1 and not k and callable(a[0]): return a[0]
        return Stub()
    def __getitem__(self, k): return Stub()
    def __iter__(self): return iter(())
    def __mro_entries__(self, bases): return (object,)


class StubModule(types.ModuleType):
    def __getattr__(self, k):
        if k.startswith('__'): raise AttributeError(k)
        return Stub(k)


def short_uid():
    # The same names on every run (from the test's id), so the extracted cases do not churn.
    rec = _current if _current is not None else RECORD.setdefault('', {'id': ''})
    rec['uids'] = rec.get('uids', 0) + 1
    return hashlib.sha1(f"{rec['id']}#{rec['uids']}".encode()).hexdigest()[:8]


def _load_json5(fh):
    t = fh.read() if hasattr(fh, 'read') else fh
    t = re.sub(r'^\s*//.*$', '', t, flags=re.M)
    t = re.sub(r'^([^"\n]*(?:"[^"\n]*"[^"\n]*)*?)\s*//.*$', r'\1', t, flags=re.M)
    t = re.sub(r'/\*.*?\*/', '', t, flags=re.S)
    t = re.sub(r',(\s*[}\]])', r'\1', t)
    return json.loads(t)


class Execution:
    """An execution's recording handle: what get_execution_history returns, so match() knows whose it is."""
    def __init__(self, n): self.n = n
    def __getitem__(self, k): return Stub()
    def get(self, *a): return None


class StepFunctions:
    def create_state_machine(self, **kw):
        rec = _current
        arn = f"arn:aws:states:us-east-1:111111111111:stateMachine:{kw.get('name', 'sm')}-{len(rec['machines'])}"
        rec['machines'][arn] = {'definition': kw.get('definition'), 'type': str(kw.get('type') or 'STANDARD')}
        return {'stateMachineArn': arn, 'creationDate': Stub()}
    def start_execution(self, stateMachineArn=None, input=None, name=None, **kw):
        rec = _current
        rec['executions'].append({'machine': stateMachineArn, 'input': input})
        return {'executionArn': f"exec:{len(rec['executions']) - 1}", 'startDate': Stub()}
    def get_execution_history(self, executionArn=None, **kw):
        if isinstance(executionArn, str) and executionArn.startswith('exec:'):
            return Execution(int(executionArn[5:]))
        return Stub()
    def __getattr__(self, k):
        if k.startswith('__'): raise AttributeError(k)
        return Stub()


class Client:
    def __init__(self): self.stepfunctions = StepFunctions()
    def __getattr__(self, k):
        if k.startswith('__'): raise AttributeError(k)
        return Stub()


class Snapshot:
    def add_transformer(self, t, *a, **k):
        if isinstance(t, tuple): _current['placeholders'][t[0]] = t[1]
    def match(self, key, value):
        if isinstance(value, Execution): _current['matches'][key] = value.n
    def __getattr__(self, k):
        if k.startswith('__'): raise AttributeError(k)
        return Stub()


def _utils():
    m = StubModule('localstack.testing.pytest.stepfunctions.utils')
    def create_state_machine_with_iam_role(target_aws_client, create_state_machine_iam_role, create_state_machine,
                                           snapshot, definition, logging_configuration=None,
                                           state_machine_name=None, state_machine_type='STANDARD'):
        return create_state_machine(target_aws_client, name=state_machine_name or f'sm_{short_uid()}',
                                    definition=definition, roleArn='snf_role_arn',
                                    type=state_machine_type)['stateMachineArn']
    def launch_and_record_execution(target_aws_client, sfn_snapshot, state_machine_arn, execution_input,
                                    verify_execution_description=False):
        arn = target_aws_client.stepfunctions.start_execution(stateMachineArn=state_machine_arn,
                                                             input=execution_input)['executionArn']
        sfn_snapshot.match('get_execution_history',
                           target_aws_client.stepfunctions.get_execution_history(executionArn=arn))
        return arn
    def create_and_record_execution(target_aws_client, create_state_machine_iam_role, create_state_machine,
                                    sfn_snapshot, definition, execution_input,
                                    verify_execution_description=False):
        arn = create_state_machine_with_iam_role(target_aws_client, create_state_machine_iam_role,
                                                 create_state_machine, sfn_snapshot, definition)
        return launch_and_record_execution(target_aws_client, sfn_snapshot, arn, execution_input)
    def create_and_record_logs(target_aws_client, create_state_machine_iam_role, create_state_machine,
                               sfn_create_log_group, sfn_snapshot, definition, execution_input, *a, **k):
        return create_and_record_execution(target_aws_client, create_state_machine_iam_role,
                                           create_state_machine, sfn_snapshot, definition, execution_input)
    def launch_and_record_logs(target_aws_client, state_machine_arn, execution_input, *a, **k):
        return launch_and_record_execution(target_aws_client, a[-1] if a else k['sfn_snapshot'],
                                           state_machine_arn, execution_input)
    def await_execution_terminated(stepfunctions_client, execution_arn):
        return stepfunctions_client.get_execution_history(executionArn=execution_arn)
    m.create_state_machine_with_iam_role = create_state_machine_with_iam_role
    m.launch_and_record_execution = launch_and_record_execution
    m.create_and_record_execution = create_and_record_execution
    m.create_and_record_logs = create_and_record_logs
    m.launch_and_record_logs = launch_and_record_logs
    m.await_execution_terminated = await_execution_terminated
    m.await_execution_success = await_execution_terminated
    return m


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """localstack, its snapshot library and json5 are not installed: stand-ins take their place."""
    ROOTS = ('localstack', 'localstack_snapshot', 'json5', 'botocore', 'boto3', 'rolo')
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in self.ROOTS or name == 'tests.aws.test_notifications':
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None
    def create_module(self, spec):
        if spec.name == 'localstack.testing.pytest.stepfunctions.utils': m = _utils()
        else: m = StubModule(spec.name)
        if spec.name == 'localstack.utils.strings': m.short_uid = short_uid
        if spec.name == 'json5': m.load = _load_json5; m.loads = _load_json5
        if spec.name == 'localstack_snapshot.snapshots.transformer':
            # What a recording wrote in place of a name (a Lambda function's in an execution's input).
            m.RegexTransformer = lambda regex, replacement, *a, **k: (regex, replacement) if isinstance(regex, str) else Stub()
        m.__path__ = []
        return m
    def exec_module(self, module): pass


sys.meta_path.insert(0, Finder())


def pytest_collection_modifyitems(items):
    # localstack skips some tests on its own emulator; their AWS recordings are what we want.
    for item in items:
        for node in item.listchain():
            node.own_markers[:] = [m for m in node.own_markers if m.name not in ('skip', 'skipif', 'xfail')]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _current
    _current = RECORD.setdefault(item.nodeid, {'id': item.nodeid, 'machines': {}, 'executions': [], 'matches': {},
                                               'lambdas': {}, 'placeholders': {}})


def pytest_runtest_makereport(item, call):
    if call.excinfo is not None and call.when in ('setup', 'call'):
        RECORD[item.nodeid]['error'] = f'{call.when}: {call.excinfo.typename}: {str(call.excinfo.value)[:200]}'


def pytest_sessionfinish(session):
    with open(os.environ.get('REPLAY_OUT', 'replay.json'), 'w') as fh:
        json.dump(RECORD, fh, indent=1)


@pytest.fixture
def aws_client(): return Client()
@pytest.fixture
def aws_client_no_retry(aws_client): return aws_client
@pytest.fixture
def aws_client_no_sync_prefix(aws_client): return aws_client
@pytest.fixture
def sfn_snapshot(): return Snapshot()
@pytest.fixture
def account_id(): return '111111111111'
@pytest.fixture
def region_name(): return 'us-east-1'
@pytest.fixture
def create_state_machine_iam_role():
    return lambda *a, **k: 'snf_role_arn'
@pytest.fixture
def create_state_machine():
    return lambda target_aws_client, **kw: target_aws_client.stepfunctions.create_state_machine(**kw)
@pytest.fixture
def create_lambda_function():
    def create(func_name=None, handler_file=None, **kw):
        _current['lambdas'][func_name] = os.path.basename(str(handler_file))
        arn = f'arn:aws:lambda:us-east-1:111111111111:function:{func_name}'
        return {'CreateFunctionResponse': {'FunctionArn': arn, 'FunctionName': func_name}}
    return create
@pytest.fixture
def mock_config_file():
    return lambda *a, **k: '/dev/null'
@pytest.fixture
def sfn_create_log_group():
    return lambda *a, **k: 'arn:aws:logs:us-east-1:111111111111:log-group:sfn-log-group:*'
