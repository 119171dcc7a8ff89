// The built-in corpus for task=text&corpus=tiny: short original sentences in
// English and Portuguese about memory, sequences and time, written for
// Unroll (no quoted or copyrighted text). Accents are there on purpose, so
// the vocabulary has multi-byte UTF-8 characters (ç ã é ô ...).
#include "core/tasks/tasks.h"

namespace unroll {

const std::string& tiny_corpus() {
  static const std::string text = R"(A sequence is a promise that one thing comes after another.
Uma sequência é uma promessa: uma coisa vem depois da outra.
The network reads one step at a time and keeps a little of each step.
A rede lê um passo de cada vez e guarda um pouco de cada passo.
Memory is what remains when the input has already gone.
Memória é o que fica quando a entrada já passou.
To remember the first word at the end, the gradient must travel back through every step.
Para lembrar a primeira palavra no fim, o gradiente precisa voltar por todos os passos.
If each step shrinks it a little, the signal fades; if each step grows it, the signal explodes.
Se cada passo o encolhe um pouco, o sinal some; se cada passo o aumenta, o sinal explode.
A gate decides what to forget, what to write and what to show.
Uma porta decide o que esquecer, o que escrever e o que mostrar.
The cell is a quiet river: it carries the past forward almost untouched.
A célula é um rio calmo: leva o passado adiante quase sem mudança.
Time is not a list of moments but the order between them.
O tempo não é uma lista de momentos, mas a ordem entre eles.
Yesterday, today and tomorrow; ontem, hoje e amanhã.
One, two, three, four; um, dois, três, quatro.
The clock does not know what it counts, yet it never loses its place.
O relógio não sabe o que conta, mas nunca perde o seu lugar.
We unroll the loop in time so that learning can see every step at once.
Desenrolamos o laço no tempo para que o aprendizado veja todos os passos de uma vez.
A long delay is a long silence; the model must hold its breath across it.
Um atraso longo é um silêncio longo; o modelo precisa prender a respiração durante ele.
Attention looks back and chooses; recurrence carries forward and compresses.
A atenção olha para trás e escolhe; a recorrência leva adiante e comprime.
The parity of a string of bits depends on every bit, even the oldest one.
A paridade de uma sequência de bits depende de cada bit, até do mais antigo.
A wave repeats, and whoever has seen one period can guess the next.
Uma onda se repete, e quem viu um período pode adivinhar o próximo.
Grammar is memory with rules: the sentence that opened with a question closes with an answer.
Gramática é memória com regras: a frase que abriu com uma pergunta fecha com uma resposta.
Every character here was chosen to be predicted by the one before it.
Cada caractere aqui foi escolhido para ser previsto pelo anterior.
Learning is slow at first, then sudden, then slow again.
O aprendizado é lento no começo, depois súbito, depois lento outra vez.
The coração of a recurrent net is a matrix that it applies to itself, again and again.
O coração de uma rede recorrente é uma matriz aplicada a si mesma, de novo e de novo.
When its largest eigenvalue is near one, the past neither dies nor explodes.
Quando o seu maior autovalor está perto de um, o passado nem morre nem explode.
A short memory is cheap; a long memory costs attention, patience and care.
Uma memória curta é barata; uma memória longa custa atenção, paciência e cuidado.
Remember the order: first the letters, then the silence, then the signal to speak.
Lembre a ordem: primeiro as letras, depois o silêncio, depois o sinal para falar.
The avó tells the same story every winter, and each time the ending is clearer.
A avó conta a mesma história todo inverno, e a cada vez o final fica mais claro.
Nothing in a sequence is alone: each symbol leans on the ones before it.
Nada numa sequência está sozinho: cada símbolo se apoia nos que vieram antes.
Predict the next letter, and the next, and soon you are writing.
Preveja a próxima letra, e a próxima, e logo você está escrevendo.
The pôr do sol is late in summer and early in winter; the days keep their own time.
O pôr do sol é tarde no verão e cedo no inverno; os dias têm o seu próprio tempo.
Forgetting is not a failure; it makes room for what matters next.
Esquecer não é uma falha; abre espaço para o que importa depois.
A step, a state, a step, a state: the whole story is written in between.
Um passo, um estado, um passo, um estado: a história inteira está escrita no meio.
)";
  return text;
}

}  // namespace unroll
