// Portuguese (Brazil) catalogues: every UI string (English is the key) and
// every experiment key's label and help. Unit tests (tests/unit/i18n_test.cpp)
// fail when a tr("...") literal in src/app or a key of the key table has no
// entry here.
#include "app/state/i18n.h"

namespace unroll::app {

extern const std::pair<const char*, const char*> kPortugueseUi[] = {
    // task=series: the data box (panel_experiment.cpp) and the task view (panel_task_series.cpp)
    {"Your data (CSV: one number per row, or columns separated by commas; header optional; up to 2 MB):",
     "Seus dados (CSV: um número por linha, ou colunas separadas por vírgulas; cabeçalho opcional; até 2 MB):"},
    {"Use these numbers", "Usar estes números"},
    {"Load a CSV file...", "Carregar um arquivo CSV..."},
    {"rows in use", "linhas em uso"},
    {"%s: mean %s, std %s", "%s: média %s, desvio padrão %s"},
    {"Each input column is standardised: (value - mean) / std. The link keeps these numbers (norm=).",
     "Cada coluna de entrada é padronizada: (valor - média) / desvio padrão. O link guarda esses números (norm=)."},
    {"column", "coluna"},
    {"Which input column the plots show (the model predicts all of them).",
     "Qual coluna de entrada os gráficos mostram (o modelo prevê todas)."},
    {"The whole column (rows of the file, in its own units); the probe window is drawn in orange.",
     "A coluna inteira (linhas do arquivo, nas suas próprias unidades); a janela da sonda aparece em laranja."},
    {"series", "série"},
    {"window", "janela"},
    {"At each step of the window: the next value (white), the model's prediction (orange) and persistence, the "
     "baseline that repeats the last value (grey).",
     "Em cada passo da janela: o próximo valor (branco), a previsão do modelo (laranja) e a persistência, a "
     "referência que repete o último valor (cinza)."},
    {"next value", "próximo valor"},
    {"persistence", "persistência"},
    {"Prediction minus the next value, in the column's units: the model (orange) and persistence (grey).",
     "Previsão menos o próximo valor, nas unidades da coluna: o modelo (laranja) e a persistência (cinza)."},
    {"persistence error", "erro da persistência"},
    {"model error", "erro do modelo"},
    {"this window, this column: model MSE %s, persistence MSE %s (normalised units)",
     "esta janela, esta coluna: EQM do modelo %s, EQM da persistência %s (unidades normalizadas)"},
    {"class of this window: %s", "classe desta janela: %s"},
    {"The model's probability for each class at the window's last step; the true class is green.",
     "A probabilidade que o modelo dá a cada classe no último passo da janela; a classe certa está em verde."},
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
    {"Speed", "Velocidade"},
    {"Fastest", "Máxima"},
    {"Open in PyTorch (.py)", "Abrir no PyTorch (.py)"},
    {"No PyTorch script for this experiment:", "Sem script PyTorch para este experimento:"},
    {"unroll_run.py: python3 unroll_run.py trains this experiment in PyTorch (--weights unroll-weights.json starts from the weights you download here).",
     "unroll_run.py: python3 unroll_run.py treina este experimento no PyTorch (--weights unroll-weights.json parte dos pesos que você baixar aqui)."},
    {"Download this experiment as one PyTorch script: the same model, task, loss, optimizer, clipping and truncation, and a training loop printing what unroll train prints (python3 unroll_run.py --help).",
     "Baixa este experimento como um único script PyTorch: o mesmo modelo, tarefa, perda, otimizador, clipping e truncamento, e um laço de treino que imprime o mesmo que o unroll train (python3 unroll_run.py --help)."},
    {"Files", "Arquivos"},
    {"Presentation zoom", "Zoom de apresentação"},
    {"Larger text and thicker lines for a projector. The link keeps it (zoom=).",
     "Texto maior e linhas mais grossas para um projetor. O link guarda o zoom (zoom=)."},
    {"Loss history (.csv)", "Histórico da perda (.csv)"},
    {"Download the loss history (CSV) or the weights (PyTorch's layout, JSON), or load weights.",
     "Baixa o histórico da perda (CSV) ou os pesos (no formato do PyTorch, JSON), ou carrega pesos."},
    {"Touch and hold any control to see what it does.", "Toque e segure qualquer controle para ver o que ele faz."},
    // the narrow layout's tab strip (app/state/views.cpp)
    {"Gradients", "Gradientes"},
    {"Matrix", "Matriz"},
    {"Cell", "Célula"},
    {"Bottleneck", "Gargalo"},
    {"Compare", "Comparar"},
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
    {"This link is too long for a QR code.", "Este link é longo demais para um código QR."},
    {"Loaded weights from", "Pesos carregados de"},
    {"Copy link with weights", "Copiar link com pesos"},
    {"A link that opens this model as trained now: its weights at 16 or 8 bits per weight, compressed into the "
     "link (up to 64 KB of link). Larger models: download the weights file.",
     "Um link que abre este modelo como está treinado agora: seus pesos com 16 ou 8 bits por peso, comprimidos "
     "no link (até 64 KB de link). Modelos maiores: baixe o arquivo de pesos."},
    {"Making the link...", "Criando o link..."},
    {"Characters of weights:", "Caracteres de pesos:"},
    {"bits per weight", "bits por peso"},
    {"Link with weights copied: it opens this model as trained now.",
     "Link com pesos copiado: ele abre este modelo como está treinado agora."},
    {"The browser did not let the page copy the link with weights; try again.",
     "O navegador não deixou a página copiar o link com pesos; tente de novo."},
    {"The weights in the link were not loaded", "Os pesos do link não foram carregados"},
    {"The rest of the link applies; the model starts from its usual initial weights.",
     "O resto do link vale; o modelo começa dos seus pesos iniciais de sempre."},
    {"Started from the link's trained weights (step %s, %s bits per weight).",
     "Começou dos pesos treinados do link (passo %s, %s bits por peso)."},
    {"There is no trained model to put in the link: the experiment could not be built.",
     "Não há modelo treinado para pôr no link: o experimento não pôde ser montado."},
    {"This model is too large for a link: its weights take %s characters at %s bits per weight (%s of "
     "parameters), and a link may carry %s. Download the weights file instead and share it (it loads with "
     "Load weights).",
     "Este modelo é grande demais para um link: seus pesos ocupam %s caracteres com %s bits por peso (%s de "
     "parâmetros), e um link pode levar %s. Baixe o arquivo de pesos e compartilhe-o (ele abre com Carregar "
     "pesos)."},
    {"add a run", "adicionar execução"},
    {"The extra run: another recurrent cell, an encoder-decoder without or with attention, or a "
     "Transformer. Everything else (task, seed, optimizer, learning rate ...) is the main run's.",
     "A execução extra: outra célula recorrente, um codificador-decodificador sem ou com atenção, ou um "
     "Transformer. O resto (tarefa, semente, otimizador, taxa de aprendizado ...) é igual ao da execução principal."},
    {"A Transformer has no recurrence: no gradient travels back through the time "
     "steps, every position is a few layers from the loss. The Attention panel shows "
     "how positions connect.",
     "Um Transformer não tem recorrência: nenhum gradiente viaja de volta pelos passos de tempo, cada "
     "posição está a poucas camadas da perda. O painel Atenção mostra como as posições se conectam."},
    {"Could not load", "Não foi possível carregar"},
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
    {"Stop", "Parar"},
    {"Glossary (English / Português)", "Glossário (Português / English)"},
    {"The words the lessons use, in both languages. The course notes sometimes use others: the notes' word is in the note.",
     "As palavras que as lições usam, nas duas línguas. As notas do curso às vezes usam outras: a palavra das notas está na nota."},
    {"Loading the glossary...", "Carregando o glossário..."},
    {"Every term the lessons use, in English and Portuguese.", "Todos os termos que as lições usam, em português e inglês."},
    {"Before you run it", "Antes de rodar"},
    {"Answer", "Responder"},
    {"Skip", "Pular"},
    {"Go on without answering (the explanation still comes after the run).",
     "Seguir sem responder (a explicação vem depois do treino do mesmo jeito)."},
    {"Your answer: %s. Now run the experiment and see.", "Sua resposta: %s. Agora rode o experimento e veja."},
    {"Skipped. Run the experiment and see.", "Pulada. Rode o experimento e veja."},
    {"Right:", "Certo:"},
    {"The answer:", "A resposta:"},
    {"Not quite. The answer:", "Não exatamente. A resposta:"},
    {"Answer the question above first (or skip it).", "Responda a pergunta acima primeiro (ou pule)."},
    {"Waiting for the engine's first snapshot...", "Esperando os primeiros dados do treino..."},
    {"Writing...", "Escrevendo..."},
    {"Training steps per second of wall-clock time (what you get), measured over the last quarter second.",
     "Passos de treino por segundo de tempo real (o que você obtém), medidos no último quarto de segundo."},
    {"Training steps per second of wall-clock time (runs share the machine's cores).",
     "Passos de treino por segundo de tempo real (as execuções dividem os núcleos da máquina)."},
    {"Stop measuring; the points measured so far stay on the plot.", "Parar a medição; os pontos já medidos continuam no gráfico."},
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
    {"mse", "EQM"},
    {"accuracy", "acurácia"},
    {"recall accuracy", "acurácia de recordação"},
    {"long-range accuracy", "acurácia de longo alcance"},
    {"token accuracy", "acurácia por token"},
    // lesson panel
    {"Each lesson is a few short steps: read, press the button to set up the experiment, and watch what the "
     "text predicts happen live.",
     "Cada lição tem algumas etapas curtas: leia, aperte o botão para configurar o experimento e veja acontecer "
     "ao vivo o que o texto previu."},
    {"Loading lessons...", "Carregando as lições..."},
    {"Could not read a lesson file:", "Não foi possível ler um arquivo de lição:"},
    {"All lessons", "Todas as lições"},
    {"Set up this experiment", "Configurar este experimento"},
    {"Set up this experiment and train", "Configurar este experimento e treinar"},
    {"Applies this step's settings (a new run from the seed).",
     "Aplica as configurações desta etapa (uma nova execução a partir da semente)."},
    {"Done: what the text predicted happened.", "Pronto: o que o texto previu aconteceu."},
    {"Press 'Set up this experiment' to start this step.", "Aperte 'Configurar este experimento' para começar esta etapa."},
    {"Waiting for:", "Esperando:"},
    {"Hint:", "Dica:"},
    {"Back", "Voltar"},
    {"Next", "Próxima"},
    // loss panel
    {"No experiment: fix the settings in the Experiment panel.",
     "Sem experimento: corrija as configurações no painel Experimento."},
    {"log loss axis", "eixo log da perda"},
    {"Plot the loss on a logarithmic axis. Learning often shows up as a steady straight-line drop on a log axis, "
     "and the plateaus and spikes of vanishing or exploding gradients stay visible while the loss spans several "
     "orders of magnitude.",
     "Mostra a perda num eixo logarítmico. O aprendizado costuma aparecer como uma queda reta e constante no eixo "
     "log, e os platôs do desaparecimento do gradiente e os picos da explosão continuam visíveis enquanto a perda "
     "atravessa várias ordens de grandeza."},
    {"smoothing", "suavização"},
    {"Exponential moving average of the curves: 0 = raw per-batch values, 0.99 = average over roughly the last 100 "
     "steps. The raw curve stays drawn faintly underneath. Display only: it does not change training.",
     "Média móvel exponencial das curvas: 0 = valores brutos de cada lote, 0,99 = média de cerca dos últimos 100 "
     "passos. A curva bruta continua desenhada fraca por baixo. Só visual: não muda o treino."},
    {"- - chance", "- - acaso"},
    {"Dashed lines: the chance baseline, the loss and metric of the best predictor that ignores the input (e.g. "
     "always predicting the mean). A run below it on the loss (or above it on a higher-is-better metric) has "
     "learned something from the input.",
     "Linhas tracejadas: o nível do acaso, a perda e a métrica do melhor preditor que ignora a entrada (p. ex. "
     "sempre prever a média). Uma execução abaixo dela na perda (ou acima numa métrica em que maior é melhor) "
     "aprendeu algo com a entrada."},
    {"loss (cross-entropy, nats)", "perda (entropia cruzada, nats)"},
    {"loss (mean squared error)", "perda (erro quadrático médio, EQM)"},
    {" (higher is better)", " (maior é melhor)"},
    {" (lower is better)", " (menor é melhor)"},
    {"training step", "passo de treino"},
    {"chance", "acaso"},
    {"Training loss per step (on that step's fresh batch) for every run, in the run colours. The dashed line is the "
     "chance loss: predicting without looking at the input. Long flat stretches at chance often mean the gradient "
     "from the informative early timesteps vanishes (see Gradient flow).",
     "Perda de treino por passo (no lote novo daquele passo) de cada execução, nas cores das execuções. A linha "
     "tracejada é a perda do acaso: prever sem olhar a entrada. Longos trechos planos no acaso costumam indicar que "
     "o gradiente vindo dos primeiros passos de tempo, os informativos, desaparece (veja Fluxo do gradiente)."},
    {"The task's own measure of success per training step, with the chance level dashed. It can stay at chance "
     "while the loss already falls a little: the loss moves first, the metric once the predictions cross the "
     "decision threshold.",
     "A medida de sucesso da própria tarefa por passo de treino, com o nível do acaso tracejado. Ela pode ficar no "
     "acaso enquanto a perda já cai um pouco: a perda se move primeiro, a métrica quando as previsões cruzam o "
     "limiar de decisão."},
    // gradient flow panel
    {"layer", "camada"},
    {"timestep t", "passo de tempo t"},
    {"||dL/dh_t||, latest step", "||dL/dh_t||, último passo"},
    {"Size of the loss gradient reaching the hidden state at timestep t, on the latest training batch. "
     "Backpropagation runs from the end of the sequence towards t = 1: a line falling steeply to the left means the "
     "gradient vanishes (early inputs cannot be learned); one rising to the left means it explodes.",
     "Tamanho do gradiente da perda que chega ao estado oculto no passo de tempo t, no último lote de treino. A "
     "retropropagação vai do fim da sequência até t = 1: uma linha caindo forte para a esquerda indica que o "
     "gradiente desaparece (entradas iniciais não podem ser aprendidas); subindo para a esquerda, ele explode."},
    {"t (top layer)", "t (camada do topo)"},
    {"||dL/dh_t|| of the top layer over training: each column is one recorded training step, each row a timestep "
     "(t = 1 at the bottom), colour on a log scale. Dark bands at small t mean the early timesteps receive almost "
     "no gradient; watch them fill in when an LSTM/GRU or a better init learns long delays.",
     "||dL/dh_t|| da camada do topo ao longo do treino: cada coluna é um passo de treino registrado, cada linha um "
     "passo de tempo (t = 1 embaixo), cor em escala log. Faixas escuras em t pequeno indicam que os primeiros "
     "passos de tempo quase não recebem gradiente; veja-as se preencherem quando uma LSTM/GRU ou uma inicialização "
     "melhor aprende atrasos longos."},
    {"norm before clipping", "norma antes do clipping"},
    {"global gradient norm (before clipping)", "norma global do gradiente (antes do clipping)"},
    {"clip at %s", "clipping em %s"},
    {"clipped at this step", "clipping neste passo"},
    {"L2 norm of the whole gradient (all parameters) before clipping, per training step. Above the dashed threshold "
     "the update is rescaled down to it (red ticks at the bottom mark clipped steps): spikes are exploding gradients "
     "that clipping keeps from wrecking the weights.",
     "Norma L2 do gradiente inteiro (todos os parâmetros) antes do clipping, por passo de treino. Acima do limite "
     "tracejado a atualização é reescalada até ele (marcas vermelhas embaixo indicam passos com clipping): os picos "
     "são explosões do gradiente que o clipping impede de estragar os pesos."},
    {"L2 norm of the whole gradient before clipping. clip=value clamps each entry to +-clip_at instead of the norm, "
     "so there is no norm threshold; red ticks mark steps where some entry was clamped.",
     "Norma L2 do gradiente inteiro antes do clipping. clip=value corta cada entrada em +-clip_at em vez da norma, "
     "então não há limite de norma; marcas vermelhas indicam passos em que alguma entrada foi cortada."},
    {"L2 norm of the whole gradient, per training step. Clipping is off: spikes go straight into the weights.",
     "Norma L2 do gradiente inteiro, por passo de treino. Clipping desligado: os picos vão direto para os pesos."},
    {"Per-timestep gradient norms appear after the first training step (press Step or Play).",
     "As normas do gradiente por passo de tempo aparecem depois do primeiro passo de treino (aperte Passo ou "
     "Treinar)."},
    // recurrent matrix panel
    {"encoder layer", "camada do codificador"},
    {"decoder layer", "camada do decodificador"},
    {"i: input gate", "i: porta de entrada"},
    {"f: forget gate", "f: porta de esquecimento"},
    {"g: candidate", "g: candidato"},
    {"o: output gate", "o: porta de saída"},
    {"r: reset gate", "r: porta de reinício"},
    {"z: update gate", "z: porta de atualização"},
    {"n: candidate", "n: candidato"},
    {"eigenvalue %s %s %si", "autovalor %s %s %si"},
    {"|lambda| = %s: a component along it is scaled by this per timestep",
     "|lambda| = %s: uma componente nessa direção é escalada por isso a cada passo de tempo"},
    {"Re %s, Im %s", "Re %s, Im %s"},
    {"This model has no recurrent matrix W_hh (model=transformer uses attention instead of recurrence): nothing is "
     "multiplied step after step, so there is no spectrum to show.",
     "Este modelo não tem matriz recorrente W_hh (model=transformer usa atenção em vez de recorrência): nada é "
     "multiplicado passo após passo, então não há espectro para mostrar."},
    {"Which layer's recurrent matrix W_hh to show. Each layer has its own; the gradient passes through all of them "
     "on its way back in time.",
     "De qual camada mostrar a matriz recorrente W_hh. Cada camada tem a sua; o gradiente passa por todas elas no "
     "caminho de volta no tempo."},
    {"GRU's W_hh stacks one H x H block per gate (r, z, n). The gates decide how much of h passes on, so the path "
     "of the gradient depends on the update gate z more than on any block's spectrum.",
     "A W_hh da GRU empilha um bloco H x H por porta (r, z, n). As portas decidem quanto de h segue adiante, então "
     "o caminho do gradiente depende mais da porta de atualização z do que do espectro de qualquer bloco."},
    {"LSTM's W_hh stacks one H x H block per gate (i, f, g, o). The cell state carries the gradient additively "
     "through the forget gate, so these spectra matter less than in a plain RNN.",
     "A W_hh da LSTM empilha um bloco H x H por porta (i, f, g, o). O estado da célula carrega o gradiente de forma "
     "aditiva pela porta de esquecimento, então esses espectros importam menos que numa RNN simples."},
    {"spectral radius", "raio espectral"},
    {"rho = the largest |eigenvalue| (the dashed circle). Going back k timesteps multiplies the gradient by W_hh^T "
     "(and the activation slopes) k times: with rho < 1 it shrinks roughly like rho^k (vanishing), with rho > 1 it "
     "can grow like rho^k (exploding) unless the activation slopes damp it.",
     "rho = o maior |autovalor| (o círculo tracejado). Voltar k passos de tempo multiplica o gradiente por W_hh^T "
     "(e pelas derivadas das ativações) k vezes: com rho < 1 ele encolhe mais ou menos como rho^k (desaparece), com "
     "rho > 1 pode crescer como rho^k (explode), a menos que as derivadas das ativações o amorteçam."},
    {"%d of %d outside |lambda| = 1", "%d de %d fora de |lambda| = 1"},
    {"init rho = %s", "rho inicial = %s"},
    {"%s, H = %d, step %ld", "%s, H = %d, passo %ld"},
    {"unit circle |lambda| = 1", "círculo unitário |lambda| = 1"},
    {"eigenvalue, |lambda| <= 1", "autovalor, |lambda| <= 1"},
    {"eigenvalue, |lambda| > 1", "autovalor, |lambda| > 1"},
    // inside the cell panel
    {"Which recurrent layer to look inside (1 = reads the input).",
     "Dentro de qual camada recorrente olhar (1 = a que lê a entrada)."},
    {"Layer %d of %d.", "Camada %d de %d."},
    {"model order", "ordem do modelo"},
    {"by time of peak", "pelo tempo do pico"},
    {"by mean", "pela média"},
    {"Order of the units (rows) in every map. Model order: unit 0 at the top. By time of peak: units sorted by the "
     "step where |h| is largest on this sequence, so you see a 'wave' of units that respond one after another. By "
     "mean: by average h.",
     "Ordem das unidades (linhas) em cada mapa. Ordem do modelo: unidade 0 no topo. Pelo tempo do pico: unidades "
     "ordenadas pelo passo em que |h| é máximo nesta sequência, e aparece uma 'onda' de unidades que respondem uma "
     "após a outra. Pela média: pelo h médio."},
    {"show", "mostrar"},
    {"Pick the quantities to draw; each becomes one heatmap (x = step t, y = unit).",
     "Escolha as grandezas a desenhar; cada uma vira um mapa de calor (x = passo t, y = unidade)."},
    {"No experiment: see the message in the run bar.", "Sem experimento: veja a mensagem na barra de execução."},
    {"This model has no recurrent cell to look inside.", "Este modelo não tem célula recorrente para olhar dentro."},
    {"(not available)", "(indisponível)"},
    {"step t", "passo t"},
    {"unit", "unidade"},
    {"row", "linha"},
    {"model unit", "unidade do modelo"},
    {"input at this step:", "entrada neste passo:"},
    {"hidden state h", "estado oculto h"},
    {"cell state c", "estado da célula c"},
    {"forget gate f", "porta de esquecimento f"},
    {"input gate i", "porta de entrada i"},
    {"candidate g", "candidato g"},
    {"output gate o", "porta de saída o"},
    {"update gate z", "porta de atualização z"},
    {"reset gate r", "porta de reinício r"},
    {"candidate n", "candidato n"},
    {"-1 (blue) .. +1 (red)", "-1 (azul) .. +1 (vermelho)"},
    {"the memory, blue < 0 < red", "a memória, azul < 0 < vermelho"},
    {"1 = keep the cell state, 0 = erase it", "1 = mantém o estado da célula, 0 = apaga"},
    {"1 = write g to memory, 0 = skip", "1 = escreve g na memória, 0 = pula"},
    {"value to write, -1 .. +1", "valor a escrever, -1 .. +1"},
    {"1 = show memory in h, 0 = hide", "1 = mostra a memória em h, 0 = esconde"},
    {"1 = keep old state, 0 = take n", "1 = mantém o estado antigo, 0 = usa n"},
    {"1 = n sees old state, 0 = not", "1 = n vê o estado antigo, 0 = não vê"},
    {"proposed new state, -1 .. +1", "novo estado proposto, -1 .. +1"},
    {"0 = off, brighter = larger", "0 = desligada, mais claro = maior"},
    {"h_t = o * tanh(c_t): the output of the cell at step t, passed to the next step and to the head.",
     "h_t = o * tanh(c_t): a saída da célula no passo t, passada ao próximo passo e à cabeça de saída."},
    {"c_t = f * c_{t-1} + i * g: the long-term memory. The forget gate f keeps it; i and g write to it.",
     "c_t = f * c_{t-1} + i * g: a memória de longo prazo. A porta de esquecimento f a mantém; i e g escrevem nela."},
    {"f = sigmoid(W_if x + W_hf h + b_f), in [0, 1]. Near 1 the memory c is carried forward unchanged: this is what "
     "lets gradients flow over long spans.",
     "f = sigmoid(W_if x + W_hf h + b_f), em [0, 1]. Perto de 1 a memória c segue adiante sem mudar: é isso que "
     "deixa o gradiente fluir por longos intervalos."},
    {"i = sigmoid(...), in [0, 1]: how much of the candidate g is added to the cell state.",
     "i = sigmoid(...), em [0, 1]: quanto do candidato g é somado ao estado da célula."},
    {"g = tanh(W_ig x + W_hg h + b_g), in [-1, 1]: the new content proposed for the memory.",
     "g = tanh(W_ig x + W_hg h + b_g), em [-1, 1]: o novo conteúdo proposto para a memória."},
    {"o = sigmoid(...), in [0, 1]: how much of tanh(c) becomes the visible state h.",
     "o = sigmoid(...), em [0, 1]: quanto de tanh(c) vira o estado visível h."},
    {"h_t = (1 - z) * n + z * h_{t-1}: the state at step t.", "h_t = (1 - z) * n + z * h_{t-1}: o estado no passo t."},
    {"z = sigmoid(...), in [0, 1] (PyTorch's convention): near 1 the state is carried forward unchanged.",
     "z = sigmoid(...), em [0, 1] (convenção do PyTorch): perto de 1 o estado segue adiante sem mudar."},
    {"r = sigmoid(...), in [0, 1]: how much of h_{t-1} the candidate n may see.",
     "r = sigmoid(...), em [0, 1]: quanto de h_{t-1} o candidato n pode ver."},
    {"n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), in [-1, 1].",
     "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), em [-1, 1]."},
    {"The whole memory of an Elman cell: the new state is a squashed mix of input and old state.",
     "Toda a memória de uma célula de Elman: o novo estado é uma mistura comprimida da entrada e do estado antigo."},
    {"The whole memory of an Elman ReLU cell: unbounded above, 0 where the unit is off.",
     "Toda a memória de uma célula de Elman ReLU: sem limite superior, 0 onde a unidade está desligada."},
    // task view panel
    {"t = %d: value %.3f%s", "t = %d: valor %.3f%s"},
    {" (marked: add this one)", " (marcado: entra na soma)"},
    {" (not marked)", " (não marcado)"},
    {"input: %d random values in [0, 1) (bars), two marked (orange)",
     "entrada: %d valores aleatórios em [0, 1) (barras), dois marcados (laranja)"},
    {"marked:  %.3f (t=%d)  +  %.3f (t=%d)", "marcados:  %.3f (t=%d)  +  %.3f (t=%d)"},
    {"true sum:   %.3f", "soma real:   %.3f"},
    {"The target: the sum of the two marked values, asked for at the last step only.",
     "O alvo: a soma dos dois valores marcados, pedida só no último passo."},
    {"model sum:  (no prediction yet)", "soma do modelo:  (ainda sem previsão)"},
    {"model sum:  %.3f", "soma do modelo:  %.3f"},
    {"(error %+.3f)", "(erro %+.3f)"},
    {"Model output at the last step minus the true sum. Green: |error| < 0.05; orange: < 0.2; red: worse. Always "
     "answering 1.0 (the average sum) misses by 1/3 on average (its mean squared error is 1/6): that is the chance "
     "level.",
     "Saída do modelo no último passo menos a soma real. Verde: |erro| < 0,05; laranja: < 0,2; vermelho: pior. "
     "Responder sempre 1,0 (a soma média) erra por 1/3 em média (o seu erro quadrático médio é 1/6): esse é o nível "
     "do acaso."},
    {"remember", "lembrar"},
    {"recalled", "lembrado"},
    {"The letters shown at the start of the sequence (steps 0 to K-1).",
     "As letras mostradas no começo da sequência (passos 0 a K-1)."},
    {"then %d blank steps, then the go marker '>'", "depois %d passos em branco, depois o marcador de início '>'"},
    {"recalled: (no prediction yet)", "lembrado: (ainda sem previsão)"},
    {"The model's most likely letter at each recall step: green = right, red = wrong.",
     "A letra mais provável do modelo em cada passo de recordação: verde = certa, vermelho = errada."},
    {"%d of %d right", "%d de %d certas"},
    {"(guessing gets 1 in %d)", "(chutar acerta 1 em %d)"},
    {"input", "entrada"},
    {"target", "alvo"},
    {"model", "modelo"},
    {"The characters the model reads (the last ones that fit; \xC2\xB6 = new line, \xC2\xB7 = space).",
     "Os caracteres que o modelo lê (os últimos que cabem; \xC2\xB6 = nova linha, \xC2\xB7 = espaço)."},
    {"The next character at each step: what the model should predict.",
     "O próximo caractere em cada passo: o que o modelo deveria prever."},
    {"model: (no prediction yet)", "modelo: (ainda sem previsão)"},
    {"The model's most likely next character: green = right, red = wrong.",
     "O próximo caractere mais provável para o modelo: verde = certo, vermelho = errado."},
    {"%d of %d next characters right in this window", "%d de %d próximos caracteres certos nesta janela"},
    {"Text generation is for the recurrent models (model=rnn).",
     "A geração de texto é para os modelos recorrentes (model=rnn)."},
    {"seed text", "texto inicial"},
    {"The model reads this text first, then continues it one character at a time. Every character must occur in "
     "the training text.",
     "O modelo lê este texto primeiro e depois o continua um caractere por vez. Cada caractere precisa aparecer no "
     "texto de treino."},
    {"temperature", "temperatura"},
    {"How adventurous the sampling is. 0 = always take the most likely next character (greedy: often loops); 1 = "
     "sample from the model's own probabilities; above 1 = flatter, more random.",
     "Quão ousada é a amostragem. 0 = sempre pega o próximo caractere mais provável (gulosa: costuma entrar em "
     "loop); 1 = amostra das próprias probabilidades do modelo; acima de 1 = mais plana, mais aleatória."},
    {"characters", "caracteres"},
    {"How many new characters to generate.", "Quantos caracteres novos gerar."},
    {"Generate", "Gerar"},
    {"Let the model write: feeds the seed text, then its own samples, back in. Uses the weights as they are now "
     "(training may keep running).",
     "Deixa o modelo escrever: alimenta o texto inicial e depois as próprias amostras de volta. Usa os pesos como "
     "estão agora (o treino pode continuar rodando)."},
    {"Press Generate to let the model write (train a while first).",
     "Aperte Gerar para o modelo escrever (treine um pouco antes)."},
    {"after %ld training steps, temperature %.2f:", "após %ld passos de treino, temperatura %.2f:"},
    {"target: next value", "alvo: próximo valor"},
    {"model prediction", "previsão do modelo"},
    {"(x: step t, 0..%d)", "(x: passo t, 0..%d)"},
    {"No probe yet.", "Ainda sem sonda."},
    {"The task's metric on the 4 probe sequences (higher is better). A model that ignores its input scores %s.",
     "A métrica da tarefa nas 4 sequências de sonda (maior é melhor). Um modelo que ignora a entrada tira %s."},
    {"The task's metric on the 4 probe sequences (lower is better). A model that ignores its input scores %s.",
     "A métrica da tarefa nas 4 sequências de sonda (menor é melhor). Um modelo que ignora a entrada tira %s."},
    {"(chance %s)", "(acaso %s)"},
    {"Next character", "Próximo caractere"},
    {"How well the model predicts each next character of this probe sequence.",
     "Quão bem o modelo prevê cada próximo caractere desta sequência de sonda."},
    {"Let the model write text on its own.", "Deixe o modelo escrever texto sozinho."},
    {"sequence", "sequência"},
    {"The model is run on 4 fixed probe sequences (the same ones at every step, drawn from the seed), so you can "
     "watch how its answer to the same input changes while it learns. This choice applies to 'Inside the cell' and "
     "'Task view'.",
     "O modelo roda em 4 sequências de sonda fixas (as mesmas em todo passo, sorteadas a partir da semente), para "
     "você ver como a resposta à mesma entrada muda enquanto ele aprende. Esta escolha vale para 'Dentro da célula' "
     "e 'Visão da tarefa'."},
    {"Show probe sequence %d of %d.", "Mostra a sequência de sonda %d de %d."},
    // task descriptions (core TaskInfo::description; numbers become %s, see tr_with_numbers)
    {"Add the two marked numbers of a sequence; the answer is due at the last step.",
     "Somar os dois números marcados de uma sequência; a resposta é pedida no último passo."},
    {"Remember %s letters through %s blank steps, then repeat them after the go marker.",
     "Lembrar %s letras durante %s passos em branco e repeti-las depois do marcador de início."},
    {"Output the parity (XOR) of all bits so far, at every step.",
     "Dar a paridade (XOR) de todos os bits até agora, em cada passo."},
    {"Output the parity (XOR) of all bits, at the last step.",
     "Dar a paridade (XOR) de todos os bits, no último passo."},
    {"Predict the next symbol of embedded Reber grammar strings; the second-last symbol repeats the second.",
     "Prever o próximo símbolo de cadeias da gramática de Reber embutida; o penúltimo símbolo repete o segundo."},
    {"Predict the next value of a sum of %s sine wave(s) with random amplitude, frequency, phase.",
     "Prever o próximo valor de uma soma de %s onda(s) senoidal(is) com amplitude, frequência e fase aleatórias."},
    {"Predict the next row of your data: %s column(s), %s rows.",
     "Prever a próxima linha dos seus dados: %s coluna(s), %s linhas."},
    {"Classify windows of %s rows of your data into %s classes (%s input column(s), %s rows).",
     "Classificar janelas de %s linhas dos seus dados em %s classes (%s coluna(s) de entrada, %s linhas)."},
    {"Predict the next character of the text (%s distinct characters).",
     "Prever o próximo caractere do texto (%s caracteres diferentes)."},
    {"Read %s digits, write them backwards.", "Ler %s dígitos e escrevê-los de trás para frente."},
    {"Read %s digits, write them again in order.", "Ler %s dígitos e escrevê-los de novo na mesma ordem."},
    {"Read %s digits, write them sorted ascending.", "Ler %s dígitos e escrevê-los em ordem crescente."},
    {"Add two numbers of up to %s digits written as text: %s+%s= gives %s.",
     "Somar dois números de até %s dígitos escritos como texto: %s+%s= dá %s."},
    // compare panel
    {"Adding or removing a run restarts ALL runs from step 0, on the same task and seed, so the curves start "
     "together.",
     "Adicionar ou remover uma execução reinicia TODAS as execuções do passo 0, na mesma tarefa e semente, para as "
     "curvas começarem juntas."},
    {"%d runs: the most that fit side by side.", "%d execuções: o máximo que cabe lado a lado."},
    {"Add run", "Adicionar"},
    {"loss curves appear here once training runs", "as curvas de perda aparecem aqui quando o treino rodar"},
    {"training step   (loss, smoothed, log scale)", "passo de treino   (perda, suavizada, escala log)"},
    {"step %ld", "passo %ld"},
    {"%s: loss %s", "%s: perda %s"},
    {"metric", "métrica"},
    {"cell", "célula"},
    {"params", "parâm."},
    {"The task's metric on the last batch:", "A métrica da tarefa no último lote:"},
    {"Run colour (same colour in the plot below).", "Cor da execução (a mesma cor no gráfico abaixo)."},
    {"The recurrent cell of the run.", "A célula recorrente da execução."},
    {"Trainable parameters (weights and biases, head included).",
     "Parâmetros treináveis (pesos e vieses, cabeça de saída incluída)."},
    {"Training steps done (one step = one batch).", "Passos de treino feitos (um passo = um lote)."},
    {"Training speed of this run alone, in steps per second.",
     "Velocidade de treino só desta execução, em passos por segundo."},
    {"Training loss on the last batch.", "Perda de treino no último lote."},
    {"Remove a compared run.", "Remove uma execução comparada."},
    {" (main)", " (principal)"},
    {"diverged", "divergiu"},
    {"could not start", "não pôde começar"},
    {"Remove this run.", "Remove esta execução."},
    {"Add a run to train another cell on the same task, side by side.",
     "Adicione uma execução para treinar outra célula na mesma tarefa, lado a lado."},
    // attention panel
    {"decoder over encoder", "decodificador sobre codificador"},
    {"row = an output step (the digit it wrote), column = a source token it read",
     "linha = um passo de saída (o dígito que escreveu), coluna = um token da entrada que leu"},
    {"rows: output steps, columns: source tokens", "linhas: passos de saída, colunas: tokens da entrada"},
    {"Bahdanau/Luong attention of the recurrent decoder. Row t: where output step t looks: a softmax over the "
     "encoder's states, one per source token, so every row sums to 1. The decoder mixes the states by these "
     "weights into its context for that step. Reversing a sequence shows up as an anti-diagonal, copying as a "
     "diagonal.",
     "Atenção de Bahdanau/Luong do decodificador recorrente. Linha t: para onde o passo de saída t olha: um "
     "softmax sobre os estados do codificador, um por token da entrada, então cada linha soma 1. O decodificador "
     "mistura os estados com esses pesos no seu contexto para aquele passo. Inverter uma sequência aparece como "
     "uma antidiagonal; copiar, como uma diagonal."},
    {"decoder self-attention", "autoatenção do decodificador"},
    {"row = an output step, column = a decoder input it reads (causal: never a later one)",
     "linha = um passo de saída, coluna = uma entrada do decodificador que ele lê (causal: nunca uma posterior)"},
    {"rows: output steps, columns: decoder inputs", "linhas: passos de saída, colunas: entradas do decodificador"},
    {"Self-attention of the Transformer's decoder. Row t: where output step t looks among the decoder's own "
     "inputs ('=' then the digits written so far). The upper triangle is masked: a step may not look at tokens "
     "it has not written yet. Each row sums to 1.",
     "Autoatenção do decodificador do Transformer. Linha t: para onde o passo de saída t olha entre as próprias "
     "entradas do decodificador ('=' e depois os dígitos já escritos). O triângulo superior é mascarado: um passo "
     "não pode olhar tokens que ainda não escreveu. Cada linha soma 1."},
    {"encoder self-attention", "autoatenção do codificador"},
    {"row = a source position, column = the source positions it mixes in",
     "linha = uma posição da entrada, coluna = as posições da entrada que ela mistura"},
    {"rows and columns: source positions", "linhas e colunas: posições da entrada"},
    {"Self-attention of the Transformer's encoder. Row i: which source tokens position i gathers information "
     "from to build its new vector. Each row sums to 1; every position reads every other one at once (no "
     "recurrence).",
     "Autoatenção do codificador do Transformer. Linha i: de quais tokens da entrada a posição i reúne "
     "informação para montar seu novo vetor. Cada linha soma 1; cada posição lê todas as outras de uma vez "
     "(sem recorrência)."},
    {"cross-attention", "atenção cruzada"},
    {"Cross-attention: the decoder's queries against the encoder's outputs. Row t: where output step t looks in "
     "the source. Each row sums to 1. Reversing shows up as an anti-diagonal.",
     "Atenção cruzada: as consultas do decodificador contra as saídas do codificador. Linha t: para onde o passo "
     "de saída t olha na entrada. Cada linha soma 1. Inverter aparece como uma antidiagonal."},
    {"self-attention", "autoatenção"},
    {"row = a position of the input stream, column = an earlier position it reads",
     "linha = uma posição da sequência de entrada, coluna = uma posição anterior que ela lê"},
    {"rows: positions, columns: earlier positions", "linhas: posições, colunas: posições anteriores"},
    {"Causal self-attention of a decoder-only Transformer over the task's single stream. Row t: where position t "
     "looks among positions 0..t. Each row sums to 1.",
     "Autoatenção causal de um Transformer só com decodificador sobre a sequência única da tarefa. Linha t: para "
     "onde a posição t olha entre as posições 0..t. Cada linha soma 1."},
    {"position", "posição"},
    {"output step", "passo de saída"},
    {"source token", "token da entrada"},
    {"decoder input", "entrada do decodificador"},
    {"source position", "posição da entrada"},
    {"no attention recorded yet", "nenhuma atenção registrada ainda"},
    {"query: %s %s", "consulta: %s %s"},
    {"key:   %s %s", "chave:    %s %s"},
    {"weight %.3f  (row max %.3f)", "peso %.3f  (máx. da linha %.3f)"},
    {"No attention here (attn=none): the decoder never looks at the source. Everything it knows about the input "
     "must pass through ONE vector, the encoder's final hidden state (the context vector, %d numbers): the "
     "bottleneck. Long inputs do not fit through it.",
     "Sem atenção aqui (attn=none): o decodificador nunca olha a entrada. Tudo o que ele sabe sobre a entrada "
     "precisa passar por UM vetor, o estado oculto final do codificador (o vetor de contexto, %d números): o "
     "gargalo. Entradas longas não cabem nele."},
    {"Set Attention to bahdanau or luong to give every output step a view of all source tokens; this panel then "
     "shows where each step looks.",
     "Ponha Atenção em bahdanau ou luong para dar a cada passo de saída uma visão de todos os tokens da entrada; "
     "este painel então mostra para onde cada passo olha."},
    {"encoder reads", "codificador lê"},
    {"decoder writes", "decodificador escreve"},
    {"Yellow: the context vector c = the encoder's hidden state after the last source token. The decoder starts "
     "from c and from then on sees only its own outputs.",
     "Amarelo: o vetor de contexto c = o estado oculto do codificador depois do último token da entrada. O "
     "decodificador parte de c e, daí em diante, só vê as próprias saídas."},
    {"head %d", "cabeça %d"},
    {"A recurrent network (model=rnn) has no attention. Choose model=seq2seq with attention, or "
     "model=transformer, to see where each position looks.",
     "Uma rede recorrente (model=rnn) não tem atenção. Escolha model=seq2seq com atenção, ou model=transformer, "
     "para ver para onde cada posição olha."},
    {"The experiment could not be built; see the messages in the run bar.",
     "Não foi possível montar o experimento; veja as mensagens na barra de execução."},
    {"No attention weights recorded yet (press Step or Play).",
     "Nenhum peso de atenção registrado ainda (aperte Passo ou Treinar)."},
    {"Which attention to show. Cross-attention: each output step looks at the source. Decoder self-attention: "
     "each output step looks at what was written before it. Encoder self-attention: each source token looks at "
     "the other source tokens.",
     "Qual atenção mostrar. Atenção cruzada: cada passo de saída olha a entrada. Autoatenção do decodificador: "
     "cada passo de saída olha o que foi escrito antes dele. Autoatenção do codificador: cada token da entrada "
     "olha os outros tokens da entrada."},
    {"Which Transformer block (1 = nearest the input).", "Qual bloco do Transformer (1 = o mais perto da entrada)."},
    {"head", "cabeça"},
    {"all", "todas"},
    {"Each head attends on its own, with d_model/heads dimensions: different heads can learn to look at "
     "different positions.",
     "Cada cabeça faz sua própria atenção, com d_model/heads dimensões: cabeças diferentes podem aprender a "
     "olhar posições diferentes."},
    {"Show every head of this layer side by side (click one to open it).",
     "Mostra todas as cabeças desta camada lado a lado (clique em uma para abri-la)."},
    {"0..1 scale", "escala 0..1"},
    {"Colour scale. Off: 0 .. the largest weight of the map, so weak patterns stay visible. On: 0 .. 1 for every "
     "map, so maps compare directly (uniform attention over n keys is 1/n).",
     "Escala de cores. Desligada: 0 .. o maior peso do mapa, para que padrões fracos fiquem visíveis. Ligada: "
     "0 .. 1 em todos os mapas, para compará-los diretamente (atenção uniforme sobre n chaves é 1/n)."},
    {"A row is one query: where this position looks. Its weights sum to 1.",
     "Uma linha é uma consulta: para onde esta posição olha. Seus pesos somam 1."},
    // beyond the bottleneck panel
    {"Accuracy vs length", "Acurácia vs comprimento"},
    {"Positional encodings", "Codificação posicional"},
    {"Sequential vs parallel", "Sequencial vs paralelo"},
    {"Sequence accuracy against input length for every run: the context-vector bottleneck.",
     "Acurácia de sequência contra o comprimento da entrada para cada execução: o gargalo do vetor de contexto."},
    {"The position vectors a Transformer adds to its tokens (dimension x position).",
     "Os vetores de posição que um Transformer soma aos seus tokens (dimensão x posição)."},
    {"Time per training step against sequence length: recurrent (step by step) vs Transformer (all at once).",
     "Tempo por passo de treino contra o comprimento da sequência: recorrente (passo a passo) vs Transformer "
     "(tudo de uma vez)."},
    {"Transformer d=%s, %s head", "Transformer d=%s, %s cabeça"},
    {"Transformer d=%s, %s heads", "Transformer d=%s, %s cabeças"},
    {"enc-dec %s H=%s", "cod-decod %s H=%s"},
    {"seq2seq %s + %s attention", "seq2seq %s + atenção %s"},
    {"RNN %s H=%s", "RNN %s H=%s"},
    {"recurrent: %s", "recorrente: %s"},
    {"this run could not be built", "não foi possível montar esta execução"},
    {"Stopped: the runs were rebuilt while measuring. Press Measure again.",
     "Parou: as execuções foram remontadas durante a medição. Aperte Medir de novo."},
    {"Measure", "Medir"},
    {"Measuring a little every frame so the page stays responsive.",
     "Mede um pouco a cada quadro para a página continuar respondendo."},
    {"%s: not measured (%s)", "%s: não medido (%s)"},
    {"Decode fresh inputs of each length greedily with every run as it is now (main run and compared runs) and "
     "count how many come out entirely right. Training is not affected.",
     "Decodifica entradas novas de cada comprimento de forma gulosa com cada execução como está agora (a principal "
     "e as comparadas) e conta quantas saem totalmente certas. O treino não é afetado."},
    {"sequences", "sequências"},
    {"Sequences decoded per length: more = smoother curves, slower measurement.",
     "Sequências decodificadas por comprimento: mais = curvas mais suaves, medição mais lenta."},
    {"per digit", "por dígito"},
    {"Off: sequence accuracy (every digit right). On: the fraction of digits right.",
     "Desligado: acurácia de sequência (todos os dígitos certos). Ligado: a fração de dígitos certos."},
    {"trained at T = %d", "treinado com T = %d"},
    {"The runs were trained on inputs of this length (the white tick on the x axis).",
     "As execuções foram treinadas com entradas deste comprimento (a marca branca no eixo x)."},
    {"The bottleneck chart. An encoder-decoder without attention squeezes the whole input into one context "
     "vector; as inputs grow, it stops fitting and accuracy falls. With attention, each output step looks back "
     "at all encoder states; a Transformer attends without any recurrence. Compare them on the same task with a "
     "link such as compare=seq2seq,transformer. The tick at the bottom marks the training length T.",
     "O gráfico do gargalo. Um codificador-decodificador sem atenção espreme a entrada inteira em um vetor de "
     "contexto; conforme as entradas crescem, ela deixa de caber e a acurácia cai. Com atenção, cada passo de "
     "saída olha de volta todos os estados do codificador; um Transformer faz atenção sem nenhuma recorrência. "
     "Compare-os na mesma tarefa com um link como compare=seq2seq,transformer. A marca embaixo indica o "
     "comprimento de treino T."},
    {"Measuring...", "Medindo..."},
    {"Press Measure to decode inputs of lengths 1 .. 2T with every run.",
     "Aperte Medir para decodificar entradas de comprimento 1 .. 2T com cada execução."},
    {"input length (digits)", "comprimento da entrada (dígitos)"},
    {"digit accuracy", "acurácia por dígito"},
    {"sequence accuracy (all digits right)", "acurácia de sequência (todos os dígitos certos)"},
    {"trained length T", "comprimento de treino T"},
    {"blind guess at T", "chute às cegas em T"},
    {"A recurrent model needs no positional encodings: it reads one token per step, so the step itself says "
     "where a token is. A Transformer reads all positions at once and would see the input as a bag of tokens, so "
     "it adds a position vector to each token.",
     "Um modelo recorrente não precisa de codificação posicional: ele lê um token por passo, então o próprio "
     "passo diz onde o token está. Um Transformer lê todas as posições de uma vez e veria a entrada como um saco "
     "de tokens, por isso soma um vetor de posição a cada token."},
    {"pos=learned: one trained vector per position", "pos=learned: um vetor treinado por posição"},
    {"pos=sinusoidal: sin/cos waves, fast in the top rows, slow below",
     "pos=sinusoidal: ondas sen/cos, rápidas nas linhas de cima, lentas embaixo"},
    {"Column t is the vector added to the token at position t. These are parameters: they start random and are "
     "trained, and positions never seen in training stay untrained.",
     "A coluna t é o vetor somado ao token na posição t. São parâmetros: começam aleatórios e são treinados, e "
     "posições nunca vistas no treino ficam sem treinar."},
    {"Column t is the vector added to the token at position t: pairs of rows hold sin and cos of t times a "
     "frequency that falls from row to row. Nearby positions get similar columns, and a fixed shift is a "
     "rotation, which attention can learn to use.",
     "A coluna t é o vetor somado ao token na posição t: pares de linhas guardam seno e cosseno de t vezes uma "
     "frequência que cai de linha em linha. Posições próximas ganham colunas parecidas, e um deslocamento fixo é "
     "uma rotação, que a atenção pode aprender a usar."},
    {"No encodings recorded yet.", "Nenhuma codificação registrada ainda."},
    {"position t", "posição t"},
    {"dimension", "dimensão"},
    {"encoding value", "valor da codificação"},
    {"Dimension x position: each column is one position's encoding (blue < 0 < red).",
     "Dimensão x posição: cada coluna é a codificação de uma posição (azul < 0 < vermelho)."},
    {"Build a recurrent model and a Transformer on this task at each length and time a few training steps (after "
     "one warm-up step). Your runs are not affected.",
     "Monta um modelo recorrente e um Transformer nesta tarefa em cada comprimento e cronometra alguns passos de "
     "treino (depois de um passo de aquecimento). Suas execuções não são afetadas."},
    {"steps", "passos"},
    {"Timed training steps per point (the mean is plotted). More = less noise, slower.",
     "Passos de treino cronometrados por ponto (a média é plotada). Mais = menos ruído, mais lento."},
    {"On this page everything runs on one CPU core, so the Transformer's parallelism shows as fewer, larger "
     "operations rather than truly simultaneous work; its attention also costs T x T per layer, which grows "
     "faster than the recurrent net's T steps at long lengths. The time is the wall time of one training step "
     "(forward, backward, update) for the whole batch.",
     "Nesta página tudo roda em um só núcleo da CPU, então o paralelismo do Transformer aparece como menos "
     "operações, maiores, e não como trabalho realmente simultâneo; sua atenção também custa T x T por camada, o "
     "que cresce mais rápido que os T passos da rede recorrente em comprimentos longos. O tempo é o tempo real de "
     "um passo de treino (forward, backward, atualização) para o lote inteiro."},
    {"A recurrent net reads like a book, step by step: step t needs step t-1. A Transformer reads like an index, "
     "all positions at once, in a few big matrix products.",
     "Uma rede recorrente lê como um livro, passo a passo: o passo t precisa do passo t-1. Um Transformer lê como "
     "um índice, todas as posições de uma vez, em poucos produtos de matrizes grandes."},
    {"Press Measure to time both models.", "Aperte Medir para cronometrar os dois modelos."},
    {"sequence length T", "comprimento da sequência T"},
    {"ms per training step", "ms por passo de treino"},
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
     "Célula recorrente. RNNs simples (tanh ou ReLU) sofrem mais com o desaparecimento e a explosão do gradiente; "
     "as portas da LSTM e da GRU deixam o gradiente sobreviver a longos intervalos. Também é a célula do "
     "codificador/decodificador em model=seq2seq."},
    {"layers", "Camadas",
     "Número de camadas empilhadas: camadas recorrentes em model=rnn, camadas do codificador e do decodificador "
     "(cada um) em model=seq2seq, blocos do codificador e do decodificador (cada um) em model=transformer. Mais "
     "camadas dão mais capacidade, mas deixam cada passo mais lento e, nas camadas recorrentes, o caminho do "
     "gradiente mais longo."},
    {"hidden", "Unidades ocultas",
     "Tamanho H do estado oculto de cada camada. H maior lembra mais e aprende mais por passo, mas cada passo "
     "custa cerca de H ao quadrado."},
    {"init", "Inicialização",
     "Como os pesos começam: pytorch = uniforme(-1/sqrt(H), 1/sqrt(H)); xavier = uniforme de Glorot; orthogonal "
     "= W_hh ortogonal, que mantém as normas do gradiente estáveis no começo; identity = W_hh identidade escalada "
     "(IRNN), que deixa uma RNN ReLU carregar informação para longe."},
    {"rho", "Raio espectral",
     "0 mantém a escala da própria inicialização; acima de 0 reescala cada bloco H x H de W_hh para este raio "
     "espectral. Abaixo de 1 o gradiente desaparece no tempo. Acima de 1 ele pode explodir, mas as inclinações da "
     "tanh também o encolhem, então rho > 1 não basta: numa rede de Elman na tarefa adding, T=50, inicialização "
     "orthogonal, ||dL/dh_1|| é 0,9 x ||dL/dh_T|| com rho = 1,2 e 39 x com rho = 1,5."},
    {"fbias", "Viés de esquecimento",
     "Viés da porta de esquecimento da LSTM (as linhas de esquecimento de b_ih; as de b_hh são 0). Um viés positivo "
     "faz a célula lembrar por padrão, o que ajuda em intervalos longos; ignorado pelas outras células."},
    {"attn", "Atenção",
     "Só seq2seq: none = o decodificador só vê a entrada pelo vetor de contexto (um gargalo que falha em entradas "
     "longas); bahdanau = pontuação aditiva v.tanh(W_q d + W_k e); luong = pontuação geral d.W e. Com atenção, "
     "cada passo do decodificador olha para todos os estados do codificador."},
    {"d_model", "Largura do modelo",
     "Transformer: tamanho de cada vetor de token. Precisa ser múltiplo de heads."},
    {"heads", "Cabeças",
     "Transformer: cabeças de atenção por camada; cada uma calcula a atenção com d_model/heads dimensões, então "
     "cabeças diferentes podem olhar para posições diferentes."},
    {"ff", "Tamanho feed-forward",
     "Transformer: unidades ocultas da camada feed-forward de cada bloco, W2 relu(W1 x + b1) + b2, aplicada a cada "
     "posição separadamente."},
    {"pos", "Posições",
     "Transformer: como um token sabe onde está. sinusoidal = senos e cossenos fixos, definidos para qualquer "
     "comprimento; learned = um vetor treinado por posição, desconhecido além do maior comprimento treinado ou "
     "avaliado."},
    {"task", "Tarefa",
     "O que a rede precisa aprender: somar dois números marcados, copiar símbolos depois de um intervalo, "
     "paridade acumulada de bits, gramática de Reber embutida, prever uma soma de senos, próximo caractere de "
     "um texto; ou transformar T dígitos em T dígitos: invertidos, repetidos, ordenados, ou a soma de dois "
     "números de até T dígitos escritos como texto (123+45= dá 168); series = os seus próprios números, de um "
     "arquivo CSV ou de um texto colado (prever a próxima linha, ou classificar por uma coluna de rótulo)."},
    {"T", "Comprimento (T)",
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
    {"columns", "Colunas",
     "Tarefa series: as colunas do CSV que o modelo lê, pelo nome no cabeçalho ou pelo índice a partir de 1 (vazio "
     "= todas as colunas numéricas menos o rótulo). Várias colunas formam uma série multivariada: cada passo prevê "
     "todas elas."},
    {"label", "Coluna de rótulo",
     "Tarefa series: uma coluna pela qual classificar janelas (vazio = prever a próxima linha, regressão com EQM). "
     "Com um rótulo, cada janela de T linhas com um só rótulo é uma sequência a classificar (entropia cruzada)."},
    {"norm", "Normalização",
     "Tarefa series: cada coluna de entrada vira (valor - média) / desvio padrão. Vazio = calculada a partir dos "
     "dados (a página escreve no link o que calculou, então o link reproduz o treino com o mesmo arquivo). Colunas "
     "sem escala e de tamanhos muito diferentes deixam o aprendizado lento."},
    {"optim", "Otimizador",
     "Regra de atualização. SGD segue o gradiente bruto; momentum o suaviza; RMSProp e Adam escalam o passo de "
     "cada peso pelo tamanho do seu gradiente, o que lida melhor com gradientes de RNN mal escalados."},
    {"lr", "Taxa de aprendizado",
     "Tamanho de cada atualização. Pequena demais aprende devagar; grande demais diverge ou faz a perda dar saltos."},
    {"momentum", "Momentum",
     "Momentum (optim=momentum): quanto das atualizações passadas continua. Mais alto suaviza o ruído, mas passa "
     "mais do ponto. O Adam e o RMSProp usam médias próprias, fixas (beta1 = 0,9, beta2 = 0,999; decaimento 0,99)."},
    {"wd", "Decaimento de pesos",
     "Encolhe cada peso em direção a zero a cada passo. Um pouco regulariza; demais impede a rede de lembrar."},
    {"batch", "Tamanho do lote",
     "Sequências por atualização. Lotes maiores dão gradientes mais suaves, mas menos atualizações por segundo."},
    {"clip", "Clipping do gradiente",
     "Limita a explosão do gradiente: norm reescala o gradiente inteiro quando a norma passa de clip_at (a direção "
     "é mantida), value corta cada entrada em +-clip_at (a direção pode mudar e a norma não fica limitada a "
     "clip_at), off deixa os picos passarem."},
    {"clip_at", "Limite do clipping",
     "Limite do clipping do gradiente. Menor é mais seguro contra explosões, mas atrasa o aprendizado quando o "
     "gradiente é legitimamente grande."},
    {"tbptt", "BPTT truncada",
     "0 = retropropagação através do tempo (BPTT) completa; k = corta o gradiente a cada k passos. O truncamento "
     "limita a explosão a k passos, mas não aprende dependências mais longas que k; cada passo continua sendo "
     "calculado uma vez para a frente e uma vez para trás, então um passo de treino custa mais ou menos o mesmo."},
    {"tbptt_update", "Atualização no TBPTT",
     "Com truncamento: atualiza uma vez por lote com os gradientes somados dos pedaços, ou depois de cada pedaço "
     "(mais atualizações, mais ruidosas)."},
    {"seed", "Semente",
     "Semente dos pesos e dos dados. A mesma semente e as mesmas configurações dão execuções idênticas bit a bit; "
     "outras sementes mostram quanto é sorte."},
};
extern const size_t kPortugueseKeyCount = sizeof(kPortugueseKeys) / sizeof(kPortugueseKeys[0]);

}  // namespace unroll::app
