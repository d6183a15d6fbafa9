// 窗口受理台: counter staff (and agent terminals) take one application for a bundle (一件事一次办):
// choose the bundle, fill the one merged form, see what is missing as they type, submit, and
// follow each item to its outcome.
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { claimsOf, OperationError, persisted, query, type TokenClaims, type ValidationFault } from './api.js';
import { FieldInput, idOf, type CatalogField, type Value } from './fields.js';
import { CHANNEL, FINAL_SUBMISSION_STATUSES, ITEM_STATUS, MODE, PRESENCE, ROLE, SELECTION, SUBMISSION_STATUS } from './labels.js';

interface BundleEntry {
  selection: string;
  section?: string | null;
  rule?: string | null;
  reason?: string | null;
  scenarios?: string[] | null;
  item: { code: string; name: string; available: boolean };
}

interface Bundle {
  code: string;
  name: string;
  mode?: string | null;
  scenarios?: { code: string; name: string }[];
  entries: BundleEntry[];
}

interface BundleForm {
  bundleName: string;
  mode: string;
  sharedFields: CatalogField[];
  items: { code: string; name: string; selection: string; origin: string; reason?: string | null; fields: CatalogField[] }[];
  addedItems: { code: string; name: string; reason: string }[];
  materials: { id: string; name: string; description?: string | null; requiredBy: string[]; conditional: boolean; commitmentAllowedFor: string[] }[];
  timeLimit: { workingDays?: number | null; summary: string };
}

interface Validation {
  valid: boolean;
  errors: ValidationFault[];
  addedItems: { code: string; name: string; reason: string }[];
  timeLimit?: { workingDays?: number | null; summary: string } | null;
}

interface SubmissionItem {
  itemCode: string;
  itemName: string;
  status: string;
  reference?: string | null;
  dueDate?: string | null;
  finishedAt?: string | null;
  skipReason?: string | null;
  rejection?: { code: string; message: string; field?: string | null } | null;
}

interface Submission {
  id: string;
  status: string;
  channel: string;
  timeLimitSummary?: string | null;
  items: SubmissionItem[];
}

/** Counter staff see every bundle with its scenarios; a terminal sees only its registered operation's. */
const CLERK_BUNDLES = `query ConsoleBundles {
  bundles { code name mode scenarios { code name } entries { selection section rule reason scenarios item { code name available } } }
}`;

const DECIDE = `mutation ConsoleDecideItem($submissionId: ID!, $itemCode: String!, $decision: SubmissionItemDecisionInput!) {
  decideSubmissionItem(submissionId: $submissionId, itemCode: $itemCode, decision: $decision) { id }
}`;

const TOKEN_KEY = 'onething-console-token';
const LARGE_TEXT_KEY = 'onething-console-large-text';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function App() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [largeText, setLargeText] = useState(() => localStorage.getItem(LARGE_TEXT_KEY) === 'true');
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
    localStorage.setItem(LARGE_TEXT_KEY, String(largeText));
  }, [largeText]);
  const claims = useMemo(() => (token ? claimsOf(token) : undefined), [token]);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
  };
  return (
    <>
      <header class="top">
        <h1>一件事一次办 · 受理台</h1>
        <label class="toggle">
          <input type="checkbox" checked={largeText} onChange={(event) => setLargeText(event.currentTarget.checked)} />
          大字模式
        </label>
        {claims ? (
          <span class="who">
            {ROLE[claims.role ?? ''] ?? claims.role}：{claims.sub}
            {claims.terminal ? `（终端 ${claims.terminal}）` : ''}
            <button type="button" class="link" onClick={signOut}>
              退出
            </button>
          </span>
        ) : null}
      </header>
      <main>
        {claims ? (
          <Workbench token={token} claims={claims} onRefused={signOut} />
        ) : (
          <SignIn
            onSignIn={(given) => {
              sessionStorage.setItem(TOKEN_KEY, given);
              setToken(given);
            }}
          />
        )}
      </main>
    </>
  );
}

function SignIn(props: { onSignIn: (token: string) => void }) {
  const [given, setGiven] = useState('');
  const [fault, setFault] = useState('');
  return (
    <form
      class="panel sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        const token = given.trim();
        const claims = claimsOf(token);
        if (!claims) return setFault('令牌格式不正确，请粘贴完整的访问令牌');
        if (claims.role !== 'clerk' && claims.role !== 'agent') return setFault('本受理台仅供窗口人员和代办终端使用');
        props.onSignIn(token);
      }}
    >
      <h2>登录</h2>
      <label for="token">访问令牌</label>
      <textarea
        id="token"
        rows={4}
        value={given}
        onInput={(event) => setGiven(event.currentTarget.value)}
        aria-describedby={fault ? 'token-fault' : undefined}
      />
      {fault ? (
        <p class="fault" id="token-fault" role="alert">
          {fault}
        </p>
      ) : null}
      <button type="submit">登录</button>
    </form>
  );
}

function Workbench(props: { token: string; claims: TokenClaims; onRefused: () => void }) {
  const { token, claims } = props;
  const agent = claims.role === 'agent';
  const [bundles, setBundles] = useState<Bundle[] | undefined>();
  const [fault, setFault] = useState('');
  const [bundleCode, setBundleCode] = useState('');
  const [scenario, setScenario] = useState('');
  useEffect(() => {
    const load = agent ? persisted<{ bundles: Bundle[] }>(token, 'AgentCardBundles', {}) : query<{ bundles: Bundle[] }>(token, CLERK_BUNDLES);
    // A terminal is offered only the bundles in which its agreement lets it take something.
    const agreement = new Set(claims.items ?? []);
    load.then(
      (data) => setBundles(agent ? data.bundles.filter((bundle) => bundle.entries.some((entry) => agreement.has(entry.item.code))) : data.bundles),
      (error: unknown) => {
        if (error instanceof OperationError && error.code === 'UNAUTHENTICATED') props.onRefused();
        setFault(messageOf(error));
      },
    );
  }, [token, agent]);
  const bundle = bundles?.find((candidate) => candidate.code === bundleCode);
  const needsScenario = (bundle?.scenarios?.length ?? 0) > 0;
  return (
    <>
      <section class="panel" aria-labelledby="choose-heading">
        <h2 id="choose-heading">选择一件事</h2>
        {fault ? (
          <p class="fault" role="alert">
            {fault}
          </p>
        ) : null}
        {!bundles && !fault ? <p aria-live="polite">正在加载……</p> : null}
        {bundles ? (
          <div class="row">
            <div class="field">
              <label for="bundle">一件事</label>
              <select
                id="bundle"
                value={bundleCode}
                onChange={(event) => {
                  setBundleCode(event.currentTarget.value);
                  setScenario('');
                }}
              >
                <option value="">请选择</option>
                {bundles.map((candidate) => (
                  <option key={candidate.code} value={candidate.code}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </div>
            {needsScenario ? (
              <div class="field">
                <label for="scenario">办事情形</label>
                <select id="scenario" value={scenario} onChange={(event) => setScenario(event.currentTarget.value)}>
                  <option value="">请选择</option>
                  {bundle!.scenarios!.map((candidate) => (
                    <option key={candidate.code} value={candidate.code}>
                      {candidate.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
        ) : null}
      </section>
      {bundle && (!needsScenario || scenario) ? (
        <Application key={`${bundle.code}/${scenario}`} token={token} claims={claims} bundle={bundle} scenario={scenario || undefined} />
      ) : null}
    </>
  );
}

type Values = Record<string, Value>;

function Application(props: { token: string; claims: TokenClaims; bundle: Bundle; scenario: string | undefined }) {
  const { token, claims, bundle, scenario } = props;
  const agent = claims.role === 'agent';
  const agreement = new Set(claims.items ?? []);
  const entries = bundle.entries.filter((entry) => !scenario || !entry.scenarios || entry.scenarios.includes(scenario));
  const allowed = (entry: BundleEntry) => entry.item.available && (!agent || agreement.has(entry.item.code));
  // Undefined until the catalog says which items the form opens with (必选, 默认勾选 without a rule).
  const [ticked, setChosen] = useState<string[] | undefined>();
  const chosen = ticked ?? [];
  const [form, setForm] = useState<BundleForm | undefined>();
  const [formFault, setFormFault] = useState('');
  const [shared, setShared] = useState<Values>({});
  const [itemValues, setItemValues] = useState<Record<string, Values>>({});
  const [materials, setMaterials] = useState<string[]>([]);
  const [commitments, setCommitments] = useState<string[]>([]);
  const [presence, setPresence] = useState('ID_CARD_READER');
  const [validation, setValidation] = useState<Validation | undefined>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitFaults, setSubmitFaults] = useState<string[]>([]);
  const [submission, setSubmission] = useState<Submission | undefined>();
  // One key per application: a repeated click or a retry after a lost answer never submits twice.
  const idempotencyKey = useRef(crypto.randomUUID());

  useEffect(() => {
    persisted<{ form: BundleForm }>(token, 'AgentBundleForm', { bundleCode: bundle.code, scenario, items: ticked }).then(
      (data) => {
        setForm(data.form);
        setFormFault('');
        if (ticked) return;
        const usable = new Set(entries.filter(allowed).map((entry) => entry.item.code));
        setChosen(data.form.items.filter((item) => item.origin === 'CHOSEN' && usable.has(item.code)).map((item) => item.code));
      },
      (error: unknown) => setFormFault(messageOf(error)),
    );
  }, [ticked?.join(',')]);

  const input = () => {
    const codes = new Set(chosen);
    // Items the rules add take their own fields too, when any were given.
    for (const [code, values] of Object.entries(itemValues)) if (Object.keys(values).length) codes.add(code);
    return {
      bundleCode: bundle.code,
      ...(scenario ? { scenario } : {}),
      sharedFields: shared,
      items: [...codes].map((code) => ({ code, fields: itemValues[code] ?? {} })),
      materials,
      commitments,
    };
  };

  // Live validation: what submitBundle would say, a moment after each change. Only the answer to
  // the latest change is shown (an earlier one may come back later).
  const validationRun = useRef(0);
  useEffect(() => {
    if (!form || !ticked || submission) return;
    const run = ++validationRun.current;
    const timer = setTimeout(() => {
      const latest = (update: Validation) => {
        if (run === validationRun.current) setValidation(update);
      };
      persisted<{ validateBundle: Validation }>(token, 'AgentValidateBundle', { input: input() }).then(
        (data) => latest(data.validateBundle),
        (error: unknown) => latest({ valid: false, errors: [{ code: 'REFUSED', message: messageOf(error), field: '' }], addedItems: [] }),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [form, shared, itemValues, materials, commitments, chosen.join(',')]);

  const faults = new Map<string, string>();
  for (const fault of validation?.errors ?? []) if (!faults.has(fault.field)) faults.set(fault.field, fault.message);
  const faultAt = (path: string) => (showAll || touched.has(path) ? faults.get(path) : undefined);
  const touch = (path: string) => setTouched((before) => (before.has(path) ? before : new Set(before).add(path)));

  const submit = async () => {
    setShowAll(true);
    setSubmitFaults([]);
    setSubmitting(true);
    try {
      const data = await persisted<{ submitBundle: Submission }>(token, 'AgentSubmitBundle', {
        input: {
          ...input(),
          idempotencyKey: idempotencyKey.current,
          channel: agent ? claims.channel : 'COUNTER',
          ...(agent ? { presence: { verifiedBy: presence } } : {}),
        },
      });
      setSubmission(data.submitBundle);
    } catch (error) {
      const listed = error instanceof OperationError ? error.faults.flatMap((fault) => fault.extensions?.errors ?? []) : [];
      if (listed.length) setValidation({ valid: false, errors: listed, addedItems: validation?.addedItems ?? [] });
      setSubmitFaults(listed.length ? [] : [messageOf(error)]);
    } finally {
      setSubmitting(false);
    }
  };

  if (submission) return <SubmissionView token={token} claims={claims} first={submission} />;

  const formItems = form?.items ?? [];
  const itemFault = (code: string) => faultAt(`items.${code}`);
  return (
    <form
      class="application"
      aria-labelledby="application-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <section class="panel">
        <h2 id="application-heading">
          {bundle.name}
          {form ? <small class="mode">{MODE[form.mode] ?? form.mode}</small> : null}
        </h2>
        {form ? <p class="time-limit">办结时限：{(validation?.timeLimit ?? form.timeLimit).summary}</p> : null}
        <fieldset>
          <legend>办理事项</legend>
          {entries.map((entry) => {
            const code = entry.item.code;
            const fixed = entry.selection === 'REQUIRED' || entry.selection === 'AUTOMATIC';
            // Added for sure (by validateBundle's answer, or the form's until then); a conditional one only said so.
            const added = validation
              ? validation.addedItems.find((item) => item.code === code)
              : form?.items.find((item) => item.code === code && item.origin === 'ADDED');
            const conditional = !added && form?.items.find((item) => item.code === code && item.origin === 'CONDITIONAL');
            const checked = chosen.includes(code) || Boolean(added);
            const reasonNotAllowed = !entry.item.available ? '暂未开通' : agent && !agreement.has(code) ? '不在本终端代办协议内' : '';
            return (
              <div class={`item${itemFault(code) ? ' has-fault' : ''}`} key={code}>
                <label>
                  <input
                    type="checkbox"
                    data-item={code}
                    checked={checked}
                    disabled={fixed || Boolean(reasonNotAllowed)}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      setChosen((before = []) => (on ? [...before, code] : before.filter((other) => other !== code)));
                    }}
                  />
                  {entry.item.name}
                  <span class={`tag tag-${entry.selection.toLowerCase()}`}>{SELECTION[entry.selection] ?? entry.selection}</span>
                  {reasonNotAllowed ? <span class="tag tag-off">{reasonNotAllowed}</span> : null}
                </label>
                {added ? (
                  <small class="hint">{added.reason}</small>
                ) : conditional ? (
                  <small class="hint">{`视情形自动办理：${conditional.reason ?? entry.reason ?? ''}`}</small>
                ) : entry.rule ? (
                  <small class="hint">{entry.rule}</small>
                ) : null}
                {itemFault(code) ? <p class="fault">{itemFault(code)}</p> : null}
              </div>
            );
          })}
        </fieldset>
        {formFault ? (
          <p class="fault" role="alert">
            {formFault}
          </p>
        ) : null}
      </section>

      {form ? (
        <>
          <fieldset class="panel">
            <legend>基本信息</legend>
            <div class="grid">
              {form.sharedFields.map((field) => {
                const path = `sharedFields.${field.name}`;
                return (
                  <FieldInput
                    key={path}
                    path={path}
                    field={field}
                    value={shared[field.name]}
                    fault={faultAt(path)}
                    onChange={(value) => {
                      touch(path);
                      setShared((before) => withValue(before, field.name, value));
                    }}
                  />
                );
              })}
            </div>
          </fieldset>

          {formItems
            .filter((item) => item.fields.length > 0)
            .map((item) => (
              <fieldset class="panel" key={item.code}>
                <legend>
                  {item.name}
                  {item.origin !== 'CHOSEN' ? <small class="hint">{item.reason ?? '按规则自动添加'}</small> : null}
                </legend>
                <div class="grid">
                  {item.fields.map((field) => {
                    const path = `items.${item.code}.${field.name}`;
                    return (
                      <FieldInput
                        key={path}
                        path={path}
                        field={field}
                        value={itemValues[item.code]?.[field.name]}
                        fault={faultAt(path)}
                        onChange={(value) => {
                          touch(path);
                          setItemValues((before) => ({ ...before, [item.code]: withValue(before[item.code] ?? {}, field.name, value) }));
                        }}
                      />
                    );
                  })}
                </div>
              </fieldset>
            ))}

          {form.materials.length ? (
            <fieldset class="panel">
              <legend>申请材料（一套材料）</legend>
              {form.materials.map((material) => {
                const path = `materials.${material.id}`;
                const commitmentItems = material.commitmentAllowedFor.filter((code) => chosen.includes(code));
                const fault = faultAt(path);
                return (
                  <div class={`material${fault ? ' has-fault' : ''}`} key={material.id}>
                    <label>
                      <input
                        type="checkbox"
                        data-material={material.id}
                        checked={materials.includes(material.id)}
                        onChange={(event) => {
                          const on = event.currentTarget.checked;
                          touch(path);
                          setMaterials((before) => (on ? [...before, material.id] : before.filter((id) => id !== material.id)));
                        }}
                      />
                      已收取：{material.name}
                      {material.conditional ? <span class="tag">视情形</span> : null}
                    </label>
                    {material.description ? <small class="hint">{material.description}</small> : null}
                    {commitmentItems.length ? (
                      <label class="commitment">
                        <input
                          type="checkbox"
                          checked={commitmentItems.every((code) => commitments.includes(code))}
                          onChange={(event) => {
                            const on = event.currentTarget.checked;
                            touch(path);
                            setCommitments((before) =>
                              on ? [...new Set([...before, ...commitmentItems])] : before.filter((code) => !commitmentItems.includes(code)),
                            );
                          }}
                        />
                        以告知承诺代替此材料
                      </label>
                    ) : null}
                    {fault ? (
                      <p class="fault" data-fault-for={path}>
                        {fault}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
          ) : null}

          <section class="panel actions" aria-labelledby="check-heading">
            <h2 id="check-heading">核对与提交</h2>
            {agent ? (
              <div class="field">
                <label for="presence">本人到场核验方式</label>
                <select id="presence" value={presence} onChange={(event) => setPresence(event.currentTarget.value)}>
                  {Object.entries(PRESENCE).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div aria-live="polite" class="summary" data-valid={validation ? String(validation.valid) : undefined}>
              {!validation ? null : validation.valid ? (
                <p class="ok">表单完整，可以提交。</p>
              ) : (
                <>
                  <p>尚有 {validation.errors.length} 处需要补正：</p>
                  {showAll ? (
                    <ul class="faults">
                      {validation.errors.map((fault) => (
                        <li key={`${fault.field}:${fault.code}`}>
                          {fault.field && document.getElementById(idOf(fault.field)) ? <a href={`#${idOf(fault.field)}`}>{fault.message}</a> : fault.message}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              )}
            </div>
            {submitFaults.map((fault) => (
              <p class="fault" role="alert" key={fault}>
                {fault}
              </p>
            ))}
            <div class="row">
              <button type="button" class="secondary" onClick={() => setShowAll(true)}>
                检查表单
              </button>
              <button type="submit" disabled={submitting}>
                {submitting ? '正在提交……' : '提交申请'}
              </button>
            </div>
          </section>
        </>
      ) : null}
    </form>
  );
}

function withValue(values: Values, name: string, value: Value | undefined): Values {
  const next = { ...values };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}

/** The submission as it goes on: polled while any item is still being handled. */
function SubmissionView(props: { token: string; claims: TokenClaims; first: Submission }) {
  const { token, claims } = props;
  const [submission, setSubmission] = useState(props.first);
  const [fault, setFault] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const refresh = () =>
    persisted<{ submission: Submission | null }>(token, 'AgentSubmission', { id: submission.id }).then(
      (data) => {
        if (data.submission) setSubmission(data.submission);
      },
      (error: unknown) => setFault(messageOf(error)),
    );
  const busy = submission.items.some((item) => item.status === 'PENDING' || item.status === 'FAILED');
  const waiting = submission.items.some((item) => item.status === 'ACCEPTED');
  useEffect(() => {
    if (!busy && !waiting && FINAL_SUBMISSION_STATUSES.has(submission.status)) return;
    const timer = setTimeout(() => void refresh(), busy ? 2000 : 10000);
    return () => clearTimeout(timer);
  }, [submission]);

  const decide = async (itemCode: string, outcome: 'COMPLETE' | 'REJECT') => {
    setFault('');
    const reason = reasons[itemCode]?.trim();
    if (outcome === 'REJECT' && !reason) return setFault('不予受理须填写理由');
    try {
      await query(token, DECIDE, { submissionId: submission.id, itemCode, decision: { outcome, decidedBy: claims.sub, ...(reason ? { reason } : {}) } });
      await refresh();
    } catch (error) {
      setFault(messageOf(error));
    }
  };

  return (
    <section class="panel submission" aria-labelledby="submission-heading" data-submission={submission.id}>
      <h2 id="submission-heading">受理结果</h2>
      <dl class="facts">
        <dt>受理编号</dt>
        <dd class="submission-id">{submission.id}</dd>
        <dt>办理状态</dt>
        <dd class="submission-status" data-status={submission.status} aria-live="polite">
          {SUBMISSION_STATUS[submission.status] ?? submission.status}
        </dd>
        <dt>渠道</dt>
        <dd>{CHANNEL[submission.channel] ?? submission.channel}</dd>
        {submission.timeLimitSummary ? (
          <>
            <dt>办结时限</dt>
            <dd>{submission.timeLimitSummary}</dd>
          </>
        ) : null}
      </dl>
      <table>
        <caption>各事项办理情况</caption>
        <thead>
          <tr>
            <th scope="col">事项</th>
            <th scope="col">状态</th>
            <th scope="col">文号 / 期限</th>
            <th scope="col">说明</th>
            {claims.role === 'clerk' ? <th scope="col">办理</th> : null}
          </tr>
        </thead>
        <tbody>
          {submission.items.map((item) => (
            <tr key={item.itemCode} data-item={item.itemCode} data-status={item.status}>
              <th scope="row">{item.itemName}</th>
              <td class={`status status-${item.status.toLowerCase()}`}>{ITEM_STATUS[item.status] ?? item.status}</td>
              <td>
                {item.reference ?? ''}
                {item.dueDate ? <small class="hint">{`办结期限 ${item.dueDate}`}</small> : null}
              </td>
              <td>{item.rejection?.message ?? item.skipReason ?? ''}</td>
              {claims.role === 'clerk' ? (
                <td>
                  {item.status === 'ACCEPTED' ? (
                    <div class="decide">
                      <button type="button" onClick={() => void decide(item.itemCode, 'COMPLETE')}>
                        办结
                      </button>
                      <label class="visually-hidden" for={`reason-${item.itemCode}`}>
                        {`${item.itemName}不予受理理由`}
                      </label>
                      <input
                        id={`reason-${item.itemCode}`}
                        placeholder="不予受理理由"
                        value={reasons[item.itemCode] ?? ''}
                        onInput={(event) => {
                          const value = event.currentTarget.value;
                          setReasons((before) => ({ ...before, [item.itemCode]: value }));
                        }}
                      />
                      <button type="button" class="secondary" onClick={() => void decide(item.itemCode, 'REJECT')}>
                        不予受理
                      </button>
                    </div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {fault ? (
        <p class="fault" role="alert">
          {fault}
        </p>
      ) : null}
      <button type="button" onClick={() => location.reload()}>
        新的申请
      </button>
    </section>
  );
}

render(<App />, document.getElementById('app')!);
