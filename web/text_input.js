// The on-screen keyboard for the canvas's text fields (phones, tablets).
// The app draws its fields itself, so a tap on one brings up no keyboard:
// after a tap (touch or pen), once the app says a field wants text, a
// visually hidden <input> takes the focus (the browser then shows its
// keyboard) and what is typed there goes to the app. Its key events do not
// reach SDL (they would arrive twice). A mouse and a hardware keyboard keep
// SDL's own path.
'use strict';

(function () {
  const KEYS = { Backspace: 0, Enter: 1, Escape: 2, Tab: 3, ArrowLeft: 4, ArrowRight: 5, Delete: 6 };
  const ready = () => typeof Module !== 'undefined' && Module.calledRun && typeof Module._unroll_wants_text_input === 'function';
  let input = null;
  let watching = false;

  function make() {
    input = document.createElement('input');
    input.id = 'text-input';
    input.type = 'text';
    input.autocomplete = 'off';
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('autocorrect', 'off');
    input.spellcheck = false;
    input.setAttribute('aria-label', 'Text for the selected field');
    input.className = 'visually-hidden';
    document.body.appendChild(input);
    // Typed text, one insertion at a time; the box itself stays empty.
    input.addEventListener('beforeinput', (e) => {
      e.preventDefault();
      if ((e.inputType === 'insertText' || e.inputType === 'insertReplacementText' || e.inputType === 'insertFromPaste') && e.data)
        Module.ccall('unroll_text_input', null, ['string'], [e.data]);
      // A phone keyboard's Backspace (a hardware one is taken on keydown, below).
      else if (e.inputType === 'deleteContentBackward') tap(KEYS.Backspace);
      else if (e.inputType === 'deleteContentForward') tap(KEYS.Delete);
      else if (e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph') tap(KEYS.Enter);
    });
    input.addEventListener('input', () => { input.value = ''; });  // a keyboard that ignored preventDefault
    for (const type of ['keydown', 'keyup', 'keypress']) {
      input.addEventListener(type, (e) => {
        e.stopPropagation();  // not to SDL: the text comes by beforeinput
        const k = KEYS[e.key];
        if (type === 'keypress' || k === undefined) return;
        if (k === KEYS.Backspace || k === KEYS.Delete) {
          // Sent here (and its beforeinput prevented): an empty box fires none in some browsers.
          if (type === 'keydown') { e.preventDefault(); tap(k); }
          return;
        }
        if (k === KEYS.Enter && type === 'keydown') e.preventDefault();
        Module.ccall('unroll_text_key', null, ['number', 'number'], [k, type === 'keydown' ? 1 : 0]);
      });
    }
    input.addEventListener('blur', () => { watching = false; });
  }

  function tap(k) {
    Module.ccall('unroll_text_key', null, ['number', 'number'], [k, 1]);
    Module.ccall('unroll_text_key', null, ['number', 'number'], [k, 0]);
  }

  // While the hidden box has the focus: give it up when the field is done.
  function watch() {
    if (!watching) return;
    if (!Module._unroll_wants_text_input()) {
      watching = false;
      input.blur();
      return;
    }
    requestAnimationFrame(watch);
  }

  // After a tap, wait a few frames for the app to take it, then ask.
  function afterTap(framesLeft) {
    if (!ready()) return;
    if (Module._unroll_wants_text_input()) {
      if (!input) make();
      if (document.activeElement !== input) input.focus({ preventScroll: true });
      watching = true;
      requestAnimationFrame(watch);
      return;
    }
    if (framesLeft > 0) requestAnimationFrame(() => afterTap(framesLeft - 1));
  }

  window.addEventListener('DOMContentLoaded', () => {
    const canvas = document.getElementById('canvas');
    if (!canvas) return;
    canvas.addEventListener('pointerup', (e) => {
      if (e.pointerType === 'touch' || e.pointerType === 'pen') afterTap(4);
    });
  });
})();
