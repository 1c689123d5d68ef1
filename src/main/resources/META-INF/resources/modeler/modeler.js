/*
 * The in-app BPMN modeler page (BPM-05, decision 033). Loads the process definition version named by
 * ?definitionId= from the process administration's API, edits it in the Camunda 7 modeler with the project's element
 * templates, checks it on the server (「检查」: each problem marked on its element and listed) and submits it as a
 * reviewed change with a note (「提交审核」: the case number, or the problems on 422). Calls go with the admin's session
 * and, for POSTs, the session's CSRF token (from csrf-token). window.healthcardModeler is the bpmn-js instance.
 */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var definitionId = params.get('definitionId') || '';
  var lang = params.get('lang') === 'en' ? 'en' : 'zh';
  var api = '../api/v1/';

  var texts = {
    zh: {
      check: '检查', submit: '提交审核', problems: '问题', notePlaceholder: '变更说明（必填）',
      loading: '正在加载…', loaded: '已加载 {id}', noDefinition: '缺少流程定义标识 (definitionId)',
      checking: '正在检查…', clean: '检查通过：未发现问题', found: '发现 {n} 个问题',
      noteRequired: '请填写变更说明', submitting: '正在提交…',
      submitted: '已提交审核，案件号 {caseNumber}', refused: '未提交：发现 {n} 个问题',
      failed: '失败：{detail}', general: '（整个流程）', download: '下载 XML',
      expired: '会话已过期，请在新标签页登录后重试（图未丢失，可先「下载 XML」）'
    },
    en: {
      check: 'Check', submit: 'Submit for review', problems: 'Problems', notePlaceholder: 'Change note (required)',
      loading: 'Loading…', loaded: 'Loaded {id}', noDefinition: 'No process definition id (definitionId)',
      checking: 'Checking…', clean: 'Check passed: no problems', found: '{n} problem(s) found',
      noteRequired: 'Please write a change note', submitting: 'Submitting…',
      submitted: 'Submitted for review, case {caseNumber}', refused: 'Not submitted: {n} problem(s)',
      failed: 'Failed: {detail}', general: '(the whole process)', download: 'Download XML',
      expired: 'Session expired: sign in again in a new tab, then retry (the diagram is kept; "Download XML" saves it)'
    }
  }[lang];

  function t(key, values) {
    return texts[key].replace(/{(\w+)}/g, function (_, name) { return values && values[name] !== undefined ? values[name] : ''; });
  }

  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) {
    el.placeholder = t(el.getAttribute('data-i18n-placeholder'));
  });

  var statusEl = document.getElementById('status');
  var checkButton = document.getElementById('check');
  var submitButton = document.getElementById('submit');
  var noteInput = document.getElementById('note');
  var problemPanel = document.getElementById('problem-panel');
  var problemList = document.getElementById('problems');

  function status(text, kind) {
    statusEl.textContent = text;
    statusEl.className = kind || '';
  }

  // The session's CSRF token, fetched once and again after a refusal (the session may have ended and a new one begun
  // in another tab). An ended session answers csrf-token with a redirect to the login page: reported as expired,
  // the diagram stays as it is.
  var csrf = null;
  function expired() {
    var error = new Error(t('expired'));
    error.expired = true;
    return error;
  }
  function csrfHeaders() {
    if (csrf) {
      return Promise.resolve(csrf);
    }
    return fetch('csrf-token', { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' } })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (response.type === 'opaqueredirect' || response.redirected || response.status === 401
            || (response.ok && type.indexOf('json') < 0)) {
          throw expired();
        }
        return expectOk(response);
      })
      .then(function (r) { return r.json(); })
      .then(function (token) { csrf = {}; csrf[token.headerName] = token.token; return csrf; });
  }

  function expectOk(response) {
    if (response.ok) {
      return Promise.resolve(response);
    }
    return response.text().then(function (body) {
      var detail = response.status + ' ' + response.statusText;
      try { var p = JSON.parse(body); detail = p.detail || p.title || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    });
  }

  function postJson(path, body, retried) {
    return csrfHeaders().then(function (token) {
      var headers = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' };
      Object.keys(token).forEach(function (name) { headers[name] = token[name]; });
      return fetch(api + path, { method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body) });
    }).then(function (response) {
      if ((response.status === 401 || response.status === 403) && !retried) {
        // a stale token (or an ended session): fetch the session's token again and retry once
        csrf = null;
        return postJson(path, body, true);
      }
      if (response.status === 401) {
        throw expired();
      }
      return response;
    });
  }

  var modeler = new BpmnModeler({
    container: '#canvas',
    propertiesPanel: { parent: '#properties' },
    additionalModules: window.HealthcardTranslate.module(lang),
    elementTemplates: []
  });
  window.healthcardModeler = modeler;
  // templates the modeler's validator refuses (element template schema): logged and kept for the browser test
  window.healthcardTemplateErrors = [];
  modeler.on('elementTemplates.errors', function (event) {
    event.errors.forEach(function (error) {
      window.healthcardTemplateErrors.push(String(error && error.message || error));
      console.warn('element template refused:', error);
    });
  });

  // ---- problems on their elements ----
  var marked = [];
  function clearProblems() {
    var canvas = modeler.get('canvas');
    var overlays = modeler.get('overlays');
    marked.forEach(function (id) { if (modeler.get('elementRegistry').get(id)) { canvas.removeMarker(id, 'hc-problem'); } });
    marked = [];
    overlays.remove({ type: 'hc-problem' });
    problemList.innerHTML = '';
    problemPanel.hidden = true;
  }

  function showProblems(problems) {
    clearProblems();
    var registry = modeler.get('elementRegistry');
    var canvas = modeler.get('canvas');
    var overlays = modeler.get('overlays');
    var counts = {};
    problems.forEach(function (problem) {
      var element = problem.elementId ? registry.get(problem.elementId) : null;
      var item = document.createElement('li');
      item.className = 'problem';
      item.setAttribute('data-element-id', problem.elementId || '');
      var where = document.createElement('strong');
      where.textContent = element ? (element.businessObject.name || element.id) : (problem.elementId || t('general'));
      item.appendChild(where);
      item.appendChild(document.createTextNode('：' + (problem.message || '')));
      if (problem.rule) {
        var rule = document.createElement('span');
        rule.className = 'rule';
        rule.textContent = '[' + problem.rule + ']';
        item.appendChild(rule);
      }
      if (element) {
        if (marked.indexOf(element.id) < 0 && element.type !== 'bpmn:Process') {
          canvas.addMarker(element.id, 'hc-problem');
          marked.push(element.id);
        }
        counts[element.id] = (counts[element.id] || 0) + 1;
        item.addEventListener('click', function () {
          modeler.get('selection').select(element);
          if (canvas.scrollToElement) { canvas.scrollToElement(element); }
        });
      }
      problemList.appendChild(item);
    });
    Object.keys(counts).forEach(function (id) {
      if (registry.get(id).type === 'bpmn:Process') { return; }
      var badge = document.createElement('div');
      badge.className = 'hc-problem-badge';
      badge.textContent = '!' + (counts[id] > 1 ? counts[id] : '');
      badge.title = problems.filter(function (p) { return p.elementId === id; }).map(function (p) { return p.message; }).join('\n');
      overlays.add(id, 'hc-problem', { position: { top: -10, right: 10 }, html: badge });
    });
    problemPanel.hidden = problems.length === 0;
  }

  function currentXml() {
    return modeler.saveXML({ format: true }).then(function (result) { return result.xml; });
  }

  // ---- 下载 XML: the diagram as it is now, so no edit is lost to an ended session ----
  document.getElementById('download').addEventListener('click', function () {
    currentXml().then(function (xml) {
      var url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
      var link = document.createElement('a');
      link.href = url;
      link.download = processKey() + '.bpmn';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }).catch(function (e) { status(t('failed', { detail: e.message }), 'error'); });
  });

  function processKey() {
    var definitions = modeler.getDefinitions();
    var process = (definitions.rootElements || []).filter(function (e) { return e.$type === 'bpmn:Process'; })[0];
    return process ? process.id : definitionId.split(':')[0];
  }

  function problemsOf(response) {
    return response.json().then(function (body) { return body.problems || []; });
  }

  // ---- 检查 ----
  checkButton.addEventListener('click', function () {
    status(t('checking'));
    currentXml()
      .then(function (xml) { return postJson('process-admin/checks', { xml: xml }); })
      .then(expectOk).then(problemsOf)
      .then(function (problems) {
        showProblems(problems);
        status(problems.length ? t('found', { n: problems.length }) : t('clean'), problems.length ? 'error' : 'ok');
      })
      .catch(function (e) { status(t('failed', { detail: e.message }), 'error'); });
  });

  // ---- 提交审核 ----
  submitButton.addEventListener('click', function () {
    var note = noteInput.value.trim();
    if (!note) {
      status(t('noteRequired'), 'error');
      noteInput.focus();
      return;
    }
    status(t('submitting'));
    submitButton.disabled = true;
    currentXml()
      .then(function (xml) {
        return postJson('process-admin/changes',
          { processKey: processKey(), baseDefinitionId: definitionId, xml: xml, note: note });
      })
      .then(function (response) {
        if (response.status === 422) {
          return problemsOf(response).then(function (problems) {
            showProblems(problems);
            status(t('refused', { n: problems.length }), 'error');
          });
        }
        return expectOk(response).then(function (r) { return r.json(); }).then(function (change) {
          clearProblems();
          status(t('submitted', { caseNumber: change.caseNumber }), 'ok');
          statusEl.setAttribute('data-case-number', change.caseNumber || '');
          statusEl.setAttribute('data-change-id', change.changeId || '');
        });
      })
      .catch(function (e) { status(t('failed', { detail: e.message }), 'error'); })
      .then(function () { submitButton.disabled = false; });
  });

  // ---- load: templates, then the version's XML ----
  if (!definitionId) {
    status(t('noDefinition'), 'error');
    return;
  }
  status(t('loading'));
  fetch(api + 'modeler/element-templates', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(expectOk).then(function (r) { return r.json(); })
    .then(function (templates) {
      modeler.get('elementTemplatesLoader').setTemplates(templates);
      return fetch(api + 'process-admin/definitions/' + encodeURIComponent(definitionId) + '/xml',
        { credentials: 'same-origin', headers: { Accept: 'application/xml, text/xml, application/json' } });
    })
    .then(expectOk)
    .then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      return type.indexOf('json') >= 0 ? response.json().then(function (body) { return body.xml; }) : response.text();
    })
    .then(function (xml) { return modeler.importXML(xml); })
    .then(function () {
      modeler.get('canvas').zoom('fit-viewport');
      document.getElementById('process-name').textContent = processKey();
      status(t('loaded', { id: definitionId }), 'ok');
      document.body.setAttribute('data-loaded', 'true');
      checkButton.disabled = false;
      submitButton.disabled = false;
      document.getElementById('download').disabled = false;
    })
    .catch(function (e) { status(t('failed', { detail: e.message }), 'error'); });
})();
