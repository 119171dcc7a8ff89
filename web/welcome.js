// The first visit's greeting: opened without a link (no #...), the page says
// what Unroll is, in the browser's language, and offers two ways in: lesson 1
// or the playground. Shown once: the choice is remembered in localStorage
// (a browser that refuses storage sees it on each link-less visit, nothing
// worse). A link (a teacher's, a lesson's) always opens straight on its content.
'use strict';

(function () {
  const KEY = 'unroll.welcomed';
  const TEXT = {
    en: {
      title: 'Welcome to Unroll',
      body: 'Train recurrent networks (RNN, LSTM, GRU), attention and a small Transformer live in your browser, and watch how they learn: the loss, the gradient flowing back through time, the gates and the attention maps.',
      lesson: 'Start lesson 1', play: 'Just play',
    },
    pt: {
      title: 'Bem-vindo ao Unroll',
      body: 'Treine redes recorrentes (RNN, LSTM, GRU), atenção e um pequeno Transformer ao vivo no seu navegador e veja como aprendem: a perda, o gradiente voltando no tempo, as portas e os mapas de atenção.',
      lesson: 'Começar a lição 1', play: 'Só explorar',
    },
  };

  function seen() {
    try { return localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }
  function remember() {
    try { localStorage.setItem(KEY, '1'); } catch (e) { /* private mode: asked again next time */ }
  }

  function show() {
    const lang = /^pt\b/i.test(navigator.language || '') ? 'pt' : 'en';
    const T = TEXT[lang];
    const box = document.createElement('div');
    box.id = 'welcome';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'welcome-title');
    box.setAttribute('lang', lang === 'pt' ? 'pt-BR' : 'en');
    box.innerHTML = '<div class="card"><h1 id="welcome-title"></h1><p id="welcome-body"></p>' +
      '<div class="actions"><button type="button" class="primary" id="welcome-lesson"></button>' +
      '<button type="button" id="welcome-play"></button></div></div>';
    document.body.appendChild(box);
    box.querySelector('#welcome-title').textContent = T.title;
    box.querySelector('#welcome-body').textContent = T.body;
    const lesson = box.querySelector('#welcome-lesson');
    const play = box.querySelector('#welcome-play');
    lesson.textContent = T.lesson;
    play.textContent = T.play;
    const close = () => {
      remember();
      box.hidden = true;
      document.getElementById('canvas')?.focus();
    };
    lesson.addEventListener('click', async () => {
      close();
      await window.unroll.openLesson('memory', 1);
      window.unroll.showView('lessons');
    });
    play.addEventListener('click', close);
    box.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
    lesson.focus();
  }

  window.addEventListener('DOMContentLoaded', () => {
    if (location.hash.replace(/^#/, '') !== '' || seen()) return;
    // After the loader: the greeting sits above the started page, not the spinner.
    const wait = setInterval(() => {
      if (document.body.dataset.state === 'loading') return;
      clearInterval(wait);
      if (document.body.dataset.state === 'running') show();
    }, 100);
  });
})();
