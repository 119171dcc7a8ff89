// The accessible mirror of the canvas: screen readers and keyboards see
// nothing of what ImGui draws, so this keeps a visually hidden part of the
// page with what matters, in the page's language: the run state (step, loss,
// metric), the lesson's text and question, the check result, every message
// and refusal, and real buttons (play/pause, step, reset; lesson back, next,
// set up, the question's choices). Changes worth hearing (training started or
// paused, a check mark, a new message, a new lesson step, an explanation)
// go to a polite live region. A focused button shows itself (style.css).
// It reads window.unroll.getState() twice a second and drives window.unroll.
'use strict';

(function () {
  const TEXT = {
    en: {
      region: 'Unroll: accessible controls and state',
      intro: 'Unroll trains recurrent networks in your browser. The canvas draws the plots; this part of the page has the state, the lesson and the controls.',
      training: 'Training', lesson: 'Lesson', messages: 'Messages',
      play: 'Play', pause: 'Pause', step: 'One step', reset: 'Reset',
      back: 'Previous step', next: 'Next step', setup: 'Set up this experiment', skip: 'Skip the question',
      answer: 'Answer: ', question: 'Question: ',
      running: 'Training', paused: 'Paused', atStep: 'step', loss: 'loss',
      started: 'Training started.', stopped: (n) => `Training paused at step ${n}.`,
      checked: 'Check mark: what the text predicted happened.',
      stepOf: (n, m) => `step ${n} of ${m}`, noLesson: 'No lesson open.',
      right: 'Right.', wrong: 'Not quite.', explanation: 'Explanation: ', hint: 'Hint: ',
    },
    pt: {
      region: 'Unroll: controles e estado acessíveis',
      intro: 'O Unroll treina redes recorrentes no seu navegador. O canvas desenha os gráficos; esta parte da página tem o estado, a lição e os controles.',
      training: 'Treino', lesson: 'Lição', messages: 'Mensagens',
      play: 'Treinar', pause: 'Pausar', step: 'Um passo', reset: 'Reiniciar',
      back: 'Etapa anterior', next: 'Próxima etapa', setup: 'Configurar este experimento', skip: 'Pular a pergunta',
      answer: 'Responder: ', question: 'Pergunta: ',
      running: 'Treinando', paused: 'Pausado', atStep: 'passo', loss: 'perda',
      started: 'Treino iniciado.', stopped: (n) => `Treino pausado no passo ${n}.`,
      checked: 'Marca de concluído: o que o texto previu aconteceu.',
      stepOf: (n, m) => `etapa ${n} de ${m}`, noLesson: 'Nenhuma lição aberta.',
      right: 'Certo.', wrong: 'Não exatamente.', explanation: 'Explicação: ', hint: 'Dica: ',
    },
  };

  // Markdown of the lessons as plain sentences (emphasis, code and links unwrapped).
  const plain = (md) => String(md || '')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)[*_]([^*_]+)[*_]/g, '$1$2')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim();

  let root = null;
  const el = {};
  let last = null;       // the previous state, to announce what changed
  let lang = 'en';

  function make(tag, attrs = {}, parent = root) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    parent.appendChild(e);
    return e;
  }

  function button(parent, id, onClick) {
    const b = make('button', { type: 'button', id: `a11y-${id}` }, parent);
    b.addEventListener('click', () => { try { onClick(); } catch (e) { announce(String(e.message || e)); } setTimeout(update, 50); });
    return b;
  }

  function build() {
    root = document.createElement('section');
    root.id = 'a11y';
    document.body.insertBefore(root, document.body.firstChild);
    el.heading = make('h1', { text: 'Unroll' });
    el.intro = make('p');
    el.live = make('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'false', id: 'a11y-live' });
    el.training = make('section', { 'aria-labelledby': 'a11y-training-h' });
    el.trainingH = make('h2', { id: 'a11y-training-h' }, el.training);
    el.state = make('p', { id: 'a11y-state' }, el.training);
    el.play = button(el.training, 'play', () => (window.unroll.getState().running ? window.unroll.pause() : window.unroll.play()));
    el.step = button(el.training, 'step', () => window.unroll.step(1));
    el.reset = button(el.training, 'reset', () => window.unroll.reset());
    el.lesson = make('section', { 'aria-labelledby': 'a11y-lesson-h' });
    el.lessonH = make('h2', { id: 'a11y-lesson-h' }, el.lesson);
    el.lessonText = make('div', { id: 'a11y-lesson-text' }, el.lesson);
    el.question = make('div', { id: 'a11y-question' }, el.lesson);
    el.result = make('p', { id: 'a11y-result' }, el.lesson);
    el.back = button(el.lesson, 'back', () => window.unroll.lessonBack());
    el.setup = button(el.lesson, 'setup', () => window.unroll.lessonSetUp());
    el.next = button(el.lesson, 'next', () => window.unroll.lessonNext());
    el.messagesH = make('h2', { id: 'a11y-messages-h' });
    el.messages = make('ul', { id: 'a11y-messages', 'aria-labelledby': 'a11y-messages-h' });
  }

  function announce(text) {
    if (!text) return;
    const p = document.createElement('p');
    p.textContent = text;
    el.live.appendChild(p);
    while (el.live.childNodes.length > 6) el.live.removeChild(el.live.firstChild);
  }

  const setText = (e, t) => { if (e.textContent !== t) e.textContent = t; };

  function renderQuestion(q, T) {
    const key = q ? `${lang}|${q.text}|${q.answered}|${q.revealed}` : '';
    if (el.question.dataset.key === key) return;
    el.question.dataset.key = key;
    el.question.textContent = '';
    if (!q) return;
    make('p', { text: T.question + q.text }, el.question);
    if (!q.answered) {
      q.choices.forEach((c, k) => button(el.question, `choice${k + 1}`, () => window.unroll.answerQuestion(k + 1)).textContent = T.answer + c);
      button(el.question, 'skip', () => window.unroll.answerQuestion(0)).textContent = T.skip;
    } else if (q.revealed) {
      make('p', { text: (q.right === true ? T.right + ' ' : q.right === false ? T.wrong + ' ' : '') + T.explanation + plain(q.explanation) }, el.question);
    }
  }

  function update() {
    if (!window.unroll) return;
    const s = window.unroll.getState();
    if (s.loading) return;
    if (!root) build();
    lang = s.lang === 'pt' ? 'pt' : 'en';
    const T = TEXT[lang];
    root.setAttribute('lang', lang === 'pt' ? 'pt-BR' : 'en');
    root.setAttribute('aria-label', T.region);
    setText(el.intro, T.intro);
    setText(el.trainingH, T.training);
    setText(el.lessonH, s.lesson ? `${T.lesson}: ${s.lesson.title}, ${T.stepOf(s.lesson.step, s.lesson.steps)}${s.lesson.stepTitle ? ': ' + s.lesson.stepTitle : ''}` : T.lesson);
    setText(el.messagesH, T.messages);
    const num = (v) => (v === null || v === undefined ? '-' : Number(v).toPrecision(4));
    setText(el.state, `${s.running ? T.running : T.paused}, ${T.atStep} ${s.step}, ${T.loss} ${num(s.loss)}` +
      (s.metricName ? `, ${s.metricName} ${num(s.metric)}` : s.metric !== null && s.metric !== undefined ? `, ${num(s.metric)}` : '') + '.');
    setText(el.play, s.running ? T.pause : T.play);
    setText(el.step, T.step);
    setText(el.reset, T.reset);
    // The lesson: text, question, check, and its buttons (only those that act).
    const L = s.lesson;
    setText(el.lessonText, L ? plain(L.text) : T.noLesson);
    renderQuestion(L && L.question, T);
    setText(el.result, L ? (L.checked ? T.checked : L.hintText ? T.hint + plain(L.hintText) : L.hasCheck ? L.check : '') : '');
    setText(el.back, T.back);
    setText(el.next, T.next);
    setText(el.setup, T.setup);
    el.back.hidden = !L || L.step <= 1;
    el.next.hidden = !L || L.step >= L.steps;
    el.setup.hidden = !L || !L.hasExperiment;
    el.setup.disabled = !!(L && L.question && !L.question.answered);
    // Messages: the link's problems, refusals, divergence, notices.
    const msgs = [...(s.errors || []), ...(s.notice ? [s.notice] : [])];
    const key = msgs.join('\n');
    if (el.messages.dataset.key !== key) {
      el.messages.dataset.key = key;
      el.messages.textContent = '';
      for (const m of msgs) make('li', { text: m }, el.messages);
    }
    // What changed since the last look.
    if (last) {
      if (s.running && !last.running) announce(T.started);
      if (!s.running && last.running) announce(T.stopped(s.step));
      if (L && (!last.lesson || last.lesson.id !== L.id || last.lesson.step !== L.step))
        announce(`${L.title}, ${T.stepOf(L.step, L.steps)}.`);
      if (L && L.checked && !(last.lesson && last.lesson.id === L.id && last.lesson.step === L.step && last.lesson.checked))
        announce(T.checked);
      if (L && L.question && L.question.revealed && !(last.lesson && last.lesson.question && last.lesson.question.revealed))
        announce(T.explanation + plain(L.question.explanation));
      const before = new Set([...(last.errors || []), last.notice || '']);
      for (const m of msgs) if (!before.has(m)) announce(m);
    } else {
      for (const m of msgs) announce(m);
    }
    last = s;
  }

  window.addEventListener('DOMContentLoaded', () => {
    setInterval(update, 500);
    // Tab belongs to the canvas's own widgets while it has the focus; Escape
    // leaves it for these buttons (and the rest of the page).
    document.getElementById('canvas')?.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && el.play && !(window.Module && Module._unroll_wants_text_input && Module._unroll_wants_text_input())) {
        el.play.focus();
      }
    });
  });
})();
