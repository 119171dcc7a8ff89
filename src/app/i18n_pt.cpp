// Portuguese (Brazil) catalogues: every UI string (English is the key) and
// every experiment key's label and help. Unit tests (tests/unit/i18n_test.cpp)
// fail when a tr("...") literal in src/app or a key of the key table has no
// entry here.
#include "i18n.h"

namespace unroll::app {

extern const std::pair<const char*, const char*> kPortugueseUi[] = {
    // run bar
    {"Play", "Treinar"},
    {"Pause", "Pausar"},
    {"Step", "Passo"},
    {"Reset", "Reiniciar"},
    {"Start or stop training (Space).", "Inicia ou para o treino (Espaço)."},
    {"Train one step on one batch (S).", "Treina um passo com um lote (S)."},
    {"New weights from the seed and apply pending changes (R). A * means some changes wait for a reset.",
     "Pesos novos a partir da semente e aplica as mudanças pendentes (R). Um * indica mudanças esperando um reinício."},
    {"As fast as possible", "O mais rápido possível"},
    {"1 step / frame", "1 passo / quadro"},
    {"10 steps / frame", "10 passos / quadro"},
    {"100 steps / frame", "100 passos / quadro"},
    {"Speed: train as many steps as fit in each frame (about 10 ms of the 16 ms frame), or a fixed number of "
     "steps per frame to watch slowly.",
     "Velocidade: treina quantos passos couberem em cada quadro (cerca de 10 ms dos 16 ms do quadro), ou um "
     "número fixo de passos por quadro para ver devagar."},
    {"step", "passo"},
    {"steps/s", "passos/s"},
    {"loss", "perda"},
    {"Copy link", "Copiar link"},
    {"Link copied: it opens exactly this experiment.", "Link copiado: ele abre exatamente este experimento."},
    {"Copy the link from the address bar.", "Copie o link da barra de endereços."},
    {"Copy a link that opens exactly this experiment (same seed, same numbers).",
     "Copia um link que abre exatamente este experimento (mesma semente, mesmos números)."},
    {"Loss CSV", "CSV da perda"},
    {"Download the loss, metric and gradient norms of every step (all runs) as CSV.",
     "Baixa a perda, a métrica e as normas do gradiente de cada passo (todas as execuções) em CSV."},
    {"Weights", "Pesos"},
    {"Download the weights (PyTorch's layout, JSON) or load them from a file.",
     "Baixa os pesos (no formato do PyTorch, JSON) ou carrega de um arquivo."},
    {"Download weights (.json)", "Baixar pesos (.json)"},
    {"Load weights from a file...", "Carregar pesos de um arquivo..."},
    {"Training stopped.", "O treino parou."},
    {"This experiment cannot start:", "Este experimento não pode começar:"},
    {"Problems in this link:", "Problemas neste link:"},
    {"The rest of it applies, defaults fill the gaps:", "O resto dele vale; os padrões preenchem as lacunas:"},
    {"Dismiss", "Fechar"},
    {"Some changes apply on Reset (R): they change the model, the task or the data.",
     "Algumas mudanças valem ao Reiniciar (R): elas mudam o modelo, a tarefa ou os dados."},
    {"Space: play/pause   S: one step   R: reset   Hover any control for what it does.",
     "Espaço: treinar/pausar   S: um passo   R: reiniciar   Passe o mouse sobre um controle para ver o que ele faz."},
    // experiment panel
    {"Model", "Modelo"},
    {"Task", "Tarefa"},
    {"Training", "Treino"},
    {"to", "a"},
    {"URL key:", "Chave na URL:"},
    {"allowed:", "permitido:"},
    {"default:", "padrão:"},
    {"Applies on Reset.", "Vale ao Reiniciar."},
    {"Applies immediately, even while training.", "Vale na hora, mesmo durante o treino."},
    {"Your text (UTF-8, up to 1 MB; at most 256 distinct characters):",
     "Seu texto (UTF-8, até 1 MB; no máximo 256 caracteres diferentes):"},
    {"Use this text", "Usar este texto"},
    {"Load a file...", "Carregar um arquivo..."},
    {"bytes in use", "bytes em uso"},
    {"parameters. Chance: loss", "parâmetros. Acaso: perda"},
    {"Changes marked * apply on Reset.", "Mudanças marcadas com * valem ao Reiniciar."},
    {"Reset now (R)", "Reiniciar agora (R)"},
    // panels (window titles)
    {"Experiment", "Experimento"},
    {"Lessons", "Lições"},
    {"Loss", "Perda"},
    {"Gradient flow through time", "Fluxo do gradiente no tempo"},
    {"Recurrent matrix", "Matriz recorrente"},
    {"Inside the cell", "Dentro da célula"},
    {"Task view", "Visão da tarefa"},
    {"Compare runs", "Comparar execuções"},
    {"Attention", "Atenção"},
    {"Beyond the bottleneck", "Além do gargalo"},
    // task metrics (core TaskInfo::metric_name)
    {"mse", "mse"},
    {"accuracy", "acurácia"},
    {"recall accuracy", "acurácia de recordação"},
    {"long-range accuracy", "acurácia de longo alcance"},
    {"token accuracy", "acurácia por token"},
    // lesson panel
    {"Each lesson is a few short steps: read, press the button to set up the experiment, and watch what the "
     "text predicts happen live.",
     "Cada lição tem alguns passos curtos: leia, aperte o botão para configurar o experimento e veja acontecer "
     "ao vivo o que o texto previu."},
    {"Loading lessons...", "Carregando as lições..."},
    {"Could not read a lesson file:", "Não foi possível ler um arquivo de lição:"},
    {"All lessons", "Todas as lições"},
    {"Set up this experiment", "Configurar este experimento"},
    {"Set up this experiment and train", "Configurar este experimento e treinar"},
    {"Applies this step's settings (a new run from the seed).",
     "Aplica as configurações deste passo (uma nova execução a partir da semente)."},
    {"Done: what the text predicted happened.", "Pronto: o que o texto previu aconteceu."},
    {"Press 'Set up this experiment' to start this step.", "Aperte 'Configurar este experimento' para começar este passo."},
    {"Waiting for:", "Esperando:"},
    {"Hint:", "Dica:"},
    {"Back", "Voltar"},
    {"Next", "Próximo"},
};
extern const size_t kPortugueseUiCount = sizeof(kPortugueseUi) / sizeof(kPortugueseUi[0]);

extern const KeyTextPt kPortugueseKeys[] = {
    {"v", "Versão do link",
     "Versão do formato do link; sempre 1. Não muda o aprendizado: permite que versões futuras leiam links antigos."},
    {"model", "Modelo",
     "rnn = uma pilha de células recorrentes lendo a sequência; seq2seq = um codificador recorrente cujo estado "
     "final (o vetor de contexto) inicia um decodificador, com atenção opcional; transformer = só atenção, sem "
     "recorrência (codificador-decodificador em reverse/repeat/sort/addition, só decodificador nas outras tarefas)."},
    {"arch", "Célula",
     "Célula recorrente. RNNs simples (tanh ou ReLU) sofrem mais com gradientes que desaparecem ou explodem; os "
     "portões da LSTM e da GRU deixam o gradiente sobreviver a longos intervalos. Também é a célula do "
     "codificador/decodificador em model=seq2seq."},
    {"layers", "Camadas",
     "Número de camadas recorrentes empilhadas. Mais camadas dão mais capacidade, mas deixam o caminho do "
     "gradiente mais longo e o começo do treino mais lento."},
    {"hidden", "Unidades ocultas",
     "Tamanho H do estado oculto de cada camada. H maior lembra mais e aprende mais por passo, mas cada passo "
     "custa cerca de H ao quadrado."},
    {"init", "Inicialização",
     "Como os pesos começam: pytorch = uniforme(-1/sqrt(H), 1/sqrt(H)); xavier = uniforme de Glorot; orthogonal "
     "= W_hh ortogonal, que mantém as normas do gradiente estáveis no começo; identity = W_hh identidade escalada "
     "(IRNN), que deixa uma RNN ReLU carregar informação para longe."},
    {"rho", "Raio espectral",
     "0 mantém a escala da própria inicialização; acima de 0 reescala cada bloco H x H de W_hh para este raio "
     "espectral. Abaixo de 1 o gradiente desaparece no tempo; acima de 1 ele explode."},
    {"fbias", "Viés de esquecimento",
     "Viés do forget gate da LSTM (as linhas de esquecimento de b_ih; as de b_hh são 0). Um viés positivo faz a "
     "célula lembrar por padrão, o que ajuda em intervalos longos; ignorado pelas outras células."},
    {"attn", "Atenção",
     "Só seq2seq: none = o decodificador só vê a entrada pelo vetor de contexto (um gargalo que falha em entradas "
     "longas); bahdanau = pontuação aditiva v.tanh(W_q d + W_k e); luong = pontuação geral d.W e. Com atenção, "
     "cada passo do decodificador olha para todos os estados do codificador."},
    {"d_model", "Largura do modelo",
     "Transformer: tamanho de cada vetor de token. Precisa ser múltiplo de heads."},
    {"heads", "Cabeças",
     "Transformer: cabeças de atenção por camada; cada uma atende com d_model/heads dimensões, então cabeças "
     "diferentes podem olhar para posições diferentes."},
    {"ff", "Tamanho feed-forward",
     "Transformer: unidades ocultas da camada feed-forward de cada bloco."},
    {"pos", "Posições",
     "Transformer: como um token sabe onde está. sinusoidal = senos e cossenos fixos, definidos para qualquer "
     "comprimento; learned = um vetor treinado por posição, desconhecido além do maior comprimento treinado ou "
     "avaliado."},
    {"task", "Tarefa",
     "O que a rede precisa aprender: somar dois números marcados, copiar símbolos depois de um intervalo, "
     "paridade acumulada de bits, gramática de Reber embutida, prever uma soma de senos, próximo caractere de "
     "um texto; ou transformar T dígitos em T dígitos: invertidos, repetidos, ordenados, ou a soma de dois "
     "números de até T dígitos escritos como texto (123+45= dá 168)."},
    {"T", "Comprimento da sequência",
     "Passos por sequência (em copy: o intervalo em branco). Sequências mais longas deixam as dependências mais "
     "longas e os gradientes mais difíceis de carregar."},
    {"eval_T", "Avaliar no comprimento",
     "reverse/repeat/sort/addition: mede também a acurácia da decodificação gulosa em entradas deste comprimento "
     "(0 = o T do treino). Mais longo que o treinado mostra se o modelo aprendeu a regra ou o comprimento."},
    {"symbols", "Símbolos a copiar",
     "Tarefa copy: quantos símbolos precisam ser lembrados durante o intervalo. Mais símbolos exigem mais "
     "capacidade de memória."},
    {"alphabet", "Alfabeto",
     "Tarefa copy: número de símbolos diferentes. Um alfabeto maior baixa o nível do acaso e exige uma memória "
     "mais precisa."},
    {"parity_at", "Alvo da paridade",
     "Tarefa parity: um alvo em cada passo (sinal denso, fácil) ou só no fim (um sinal que precisa voltar por "
     "todos os T passos)."},
    {"waves", "Ondas senoidais",
     "Tarefa sine: quantos senos são somados. Mais ondas deixam o sinal mais difícil de prever e exigem memória "
     "mais longa."},
    {"corpus", "Corpus",
     "Tarefa text: o pequeno corpus embutido ou um texto seu. Um texto mais variado leva mais tempo para aprender."},
    {"optim", "Otimizador",
     "Regra de atualização. SGD segue o gradiente bruto; momentum o suaviza; RMSProp e Adam escalam o passo de "
     "cada peso pelo tamanho do seu gradiente, o que lida melhor com gradientes de RNN mal escalados."},
    {"lr", "Taxa de aprendizado",
     "Tamanho de cada atualização. Pequena demais aprende devagar; grande demais diverge ou faz a perda dar saltos."},
    {"momentum", "Momentum",
     "Momentum (e o beta1 do Adam, o decaimento do RMSProp): quanto das atualizações passadas continua. Mais alto "
     "suaviza o ruído, mas passa mais do ponto."},
    {"wd", "Decaimento de pesos",
     "Encolhe cada peso em direção a zero a cada passo. Um pouco regulariza; demais impede a rede de lembrar."},
    {"batch", "Tamanho do lote",
     "Sequências por atualização. Lotes maiores dão gradientes mais suaves, mas menos atualizações por segundo."},
    {"clip", "Clipping do gradiente",
     "Limita gradientes que explodem: norm reescala o gradiente inteiro quando a norma passa de clip_at (a direção "
     "é mantida), value corta cada entrada em +-clip_at, off deixa os picos passarem."},
    {"clip_at", "Limite do clipping",
     "Limite do clipping do gradiente. Menor é mais seguro contra explosões, mas atrasa o aprendizado quando o "
     "gradiente é legitimamente grande."},
    {"tbptt", "BPTT truncado",
     "0 = backpropagation through time completo; k = corta o gradiente a cada k passos. O truncamento é mais "
     "barato, mas não aprende dependências mais longas que k."},
    {"tbptt_update", "Atualização no TBPTT",
     "Com truncamento: atualiza uma vez por lote com os gradientes somados dos pedaços, ou depois de cada pedaço "
     "(mais atualizações, mais ruidosas)."},
    {"seed", "Semente",
     "Semente dos pesos e dos dados. A mesma semente e as mesmas configurações dão execuções idênticas bit a bit; "
     "outras sementes mostram quanto é sorte."},
};
extern const size_t kPortugueseKeyCount = sizeof(kPortugueseKeys) / sizeof(kPortugueseKeys[0]);

}  // namespace unroll::app
